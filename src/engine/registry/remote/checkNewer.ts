import type { ImageSummary } from '../../types';
import { mapLimited } from '../../../model/mapLimited';
import { RegistryClient, type RegistryClientOptions } from './RegistryClient';
import { headDigest } from './headDigest';
import { remoteRepository } from './RemoteRepository';

/** How a local tag stands against its registry. */
export type NewerState =
  | { readonly state: 'same'; readonly digest: string }
  /** The registry's tag points elsewhere than any digest this image was pushed or pulled as. */
  | { readonly state: 'newer'; readonly digest: string; readonly local: readonly string[] }
  /** Never pushed or pulled: no digest to compare. */
  | { readonly state: 'unknown' }
  | { readonly state: 'failed'; readonly message: string };

export interface NewerCheck {
  readonly reference: string;
  readonly result: NewerState;
}

/**
 * For each local tag (`127.0.0.1:5000/team/app:1.4`), whether the registry's
 * tag still points to a digest the image has (`RepoDigests`). One HEAD per tag,
 * no body, at most `concurrency` at a time, one client (and token) per registry.
 * Each tag's failure is its own; the others go on.
 */
export async function checkNewer(
  tags: ReadonlyArray<{ readonly reference: string; readonly image: Pick<ImageSummary, 'repoDigests'> }>,
  options: RegistryClientOptions & { concurrency?: number } = {},
): Promise<NewerCheck[]> {
  const clients = new Map<string, RegistryClient>();
  try {
    return await mapLimited(tags, options.concurrency ?? 8, async ({ reference, image }): Promise<NewerCheck> => {
      let repo;
      try {
        repo = remoteRepository(reference);
      } catch (err) {
        return { reference, result: { state: 'failed', message: (err as Error).message } };
      }
      const prefix = `${repo.name}@`;
      const local = image.repoDigests.filter((d) => d.startsWith(prefix)).map((d) => d.slice(prefix.length));
      if (!local.length || !repo.tag) return { reference, result: { state: 'unknown' } };
      let client = clients.get(repo.domain);
      if (!client) clients.set(repo.domain, (client = new RegistryClient(repo.domain, options)));
      try {
        const { digest } = await headDigest(client, repo.path, repo.tag);
        return { reference, result: local.includes(digest) ? { state: 'same', digest } : { state: 'newer', digest, local } };
      } catch (err) {
        return { reference, result: { state: 'failed', message: (err as Error).message } };
      }
    });
  } finally {
    for (const c of clients.values()) c.close();
  }
}
