import { parseReference } from '../reference/parseReference';
import type { ImageSummary } from '../engine/types';

export type ImageGrouping = 'repository' | 'registry';

export interface TagEntry {
  /** The full name as the engine lists it, e.g. `127.0.0.1:5000/team/app:v1`. */
  readonly reference: string;
  readonly tag: string;
  readonly image: ImageSummary;
  /** The image's other names: an image with several tags says so on each. */
  readonly otherTags: readonly string[];
}

/** A repository taken apart as `<registry>[:<port>]/[<namespace>/]<name>`. */
export interface RepositoryGroup {
  /** As the engine writes it, without tag: `busybox`, `redhat/kubernetes`, `127.0.0.1:5000/app`. */
  readonly repository: string;
  /** Registry host (`docker.io` when implicit) and port, if any. */
  readonly registry: string;
  readonly port: string | null;
  readonly registryImplicit: boolean;
  readonly namespace: string | null;
  readonly name: string;
  readonly tags: TagEntry[];
}

export interface RegistryGroup {
  readonly registry: string;
  readonly repositories: RepositoryGroup[];
}

export interface ImageTree {
  readonly repositories: RepositoryGroup[];
  /** Images with no name at all (`<none>:<none>`); intermediate build images never get here. */
  readonly untagged: ImageSummary[];
  /** Only filled for the `registry` grouping. */
  readonly registries: RegistryGroup[];
}

/**
 * Groups the engine's image list for the Images view. Runs on every refresh over
 * every tag, so it is one pass with a map, and the grammar is only asked once per
 * distinct repository.
 */
export function buildImageTree(images: readonly ImageSummary[], grouping: ImageGrouping = 'repository'): ImageTree {
  const byRepo = new Map<string, RepositoryGroup>();
  const untagged: ImageSummary[] = [];
  for (const image of images) {
    if (image.repoTags.length === 0) {
      untagged.push(image);
      continue;
    }
    for (const reference of image.repoTags) {
      const colon = reference.lastIndexOf(':');
      // A colon before the last slash belongs to a registry port, not a tag.
      const hasTag = colon > reference.lastIndexOf('/');
      const repository = hasTag ? reference.slice(0, colon) : reference;
      const tag = hasTag ? reference.slice(colon + 1) : 'latest';
      let group = byRepo.get(repository);
      if (!group) {
        group = repositoryGroup(repository);
        byRepo.set(repository, group);
      }
      group.tags.push({ reference, tag, image, otherTags: image.repoTags.filter((t) => t !== reference) });
    }
  }
  const repositories = [...byRepo.values()].sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0));
  for (const r of repositories) r.tags.sort((a, b) => b.image.created - a.image.created || (a.tag < b.tag ? -1 : 1));
  untagged.sort((a, b) => b.created - a.created);
  let registries: RegistryGroup[] = [];
  if (grouping === 'registry') {
    const byRegistry = new Map<string, RegistryGroup>();
    for (const r of repositories) {
      const key = r.port ? `${r.registry}:${r.port}` : r.registry;
      let g = byRegistry.get(key);
      if (!g) byRegistry.set(key, (g = { registry: key, repositories: [] }));
      g.repositories.push(r);
    }
    registries = [...byRegistry.values()].sort((a, b) => (a.registry < b.registry ? -1 : 1));
  }
  return { repositories, untagged, registries };
}

function repositoryGroup(repository: string): RepositoryGroup {
  const parsed = parseReference(repository, 'normalized');
  if (!parsed.valid) {
    // The engine accepted this name under older rules; show it whole rather than hide it.
    return { repository, registry: '?', port: null, registryImplicit: false, namespace: null, name: repository, tags: [] };
  }
  const domain = parsed.domain ?? 'docker.io';
  const portAt = domain.lastIndexOf(':');
  const hasPort = portAt > domain.lastIndexOf(']');
  return {
    repository,
    registry: hasPort ? domain.slice(0, portAt) : domain,
    port: hasPort ? domain.slice(portAt + 1) : null,
    registryImplicit: parsed.spans.domain === undefined,
    namespace: parsed.namespace,
    name: parsed.name,
    tags: [],
  };
}
