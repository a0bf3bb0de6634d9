import { parseReference } from '../../reference';
import type { ParsedReference } from '../../reference/types';
import type { EngineImage, EngineImagesResult } from '../../shared/protocol';

/**
 * The engine's images, indexed by normalized repository (`docker.io/library/nginx`), so
 * a reference however written (`nginx`, `library/nginx`, `docker.io/library/nginx`)
 * finds its image, its tags and its registry digests.
 */
export class EngineIndex {
  /** fullName → tag → image. */
  private readonly byTag = new Map<string, Map<string, EngineImage>>();
  /** fullName → digest → image. */
  private readonly byDigest = new Map<string, Map<string, EngineImage>>();
  /** fullName → the familiar name the engine showed (`nginx`, `localhost:5000/app`). */
  private readonly familiar = new Map<string, string>();

  constructor(readonly result: EngineImagesResult) {
    if (!result.available) return;
    for (const image of result.images) {
      for (const t of image.repoTags ?? []) {
        const p = parseReference(t, 'normalized');
        if (!p.valid || !p.tag || !p.fullName) continue; // `<none>:<none>`
        mapOf(this.byTag, p.fullName).set(p.tag, image);
        if (!this.familiar.has(p.fullName)) this.familiar.set(p.fullName, p.familiarName ?? p.fullName);
      }
      for (const d of image.repoDigests ?? []) {
        const p = parseReference(d, 'normalized');
        if (!p.valid || !p.digest || !p.fullName) continue;
        mapOf(this.byDigest, p.fullName).set(p.digest, image);
        if (!this.familiar.has(p.fullName)) this.familiar.set(p.fullName, p.familiarName ?? p.fullName);
      }
    }
  }

  get available(): boolean {
    return this.result.available;
  }

  /** The image a reference names: by digest when it has one, else by tag (`latest` when none). */
  find(ref: ParsedReference): EngineImage | undefined {
    const name = ref.fullName;
    if (!name) return undefined;
    if (ref.digest) return this.byDigest.get(name)?.get(ref.digest);
    return this.byTag.get(name)?.get(ref.tag ?? 'latest');
  }

  /** Familiar repository names, sorted, for completion. */
  repositories(): string[] {
    return [...new Set([...this.byTag.keys()].map((k) => this.familiar.get(k) ?? k))].sort();
  }

  /** The tags the engine has for a repository, sorted. */
  tags(fullName: string): string[] {
    return [...(this.byTag.get(fullName)?.keys() ?? [])].sort();
  }

  /** The digest a registry knows `image` by in this repository (from RepoDigests), if any. */
  digestFor(image: EngineImage, fullName: string): string | undefined {
    for (const d of image.repoDigests ?? []) {
      const p = parseReference(d, 'normalized');
      if (p.valid && p.fullName === fullName && p.digest) return p.digest;
    }
    return undefined;
  }
}

function mapOf<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  return inner;
}
