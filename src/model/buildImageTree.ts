import { runInSlices, runToEnd, type Slicing } from './runInSlices';
import { parseReference } from '../reference/parseReference';
import type { ImageSummary } from '../engine/types';
import { sortInSteps } from './sortInSteps';

export type ImageGrouping = 'repository' | 'registry';

/**
 * One name of an image. Its other names are not copied here: every entry of an
 * image shares that image's one `repoTags` list (see otherTags.ts), so an image
 * with n tags costs n entries, not n² names.
 */
export interface TagEntry {
  /** The full name as the engine lists it, e.g. `127.0.0.1:5000/team/app:v1`. */
  readonly reference: string;
  readonly tag: string;
  readonly image: ImageSummary;
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
  /** Newest image first, then by tag. */
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

/** How many tags the builder handles between two looks at the clock. */
export const TAGS_PER_STEP = 512;

/**
 * Groups the engine's image list for the Images view, in one pass with a map; the
 * grammar is only asked once per distinct repository. Linear in the number of tags
 * (plus the sorts). buildImageTreeInSlices runs the same steps without holding the
 * event loop.
 */
export function buildImageTree(images: readonly ImageSummary[], grouping: ImageGrouping = 'repository'): ImageTree {
  return runToEnd(buildSteps(images, grouping));
}

/**
 * The same tree as buildImageTree, built in slices of at most about `sliceMs`: a
 * refresh of an engine with tens of thousands of tags never holds the extension
 * host for longer than a slice (plus one step of TAGS_PER_STEP tags or one sort).
 */
export async function buildImageTreeInSlices(images: readonly ImageSummary[], grouping: ImageGrouping, slicing: Slicing): Promise<ImageTree> {
  return runInSlices(buildSteps(images, grouping), slicing);
}

/** The builder as a generator: it yields between steps, where a caller may pause. */
function* buildSteps(images: readonly ImageSummary[], grouping: ImageGrouping): Generator<void, ImageTree> {
  const byRepo = new Map<string, RepositoryGroup>();
  const untagged: ImageSummary[] = [];
  let sinceYield = 0;
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
      group.tags.push({ reference, tag, image });
      if (++sinceYield >= TAGS_PER_STEP) {
        sinceYield = 0;
        yield;
      }
    }
  }
  const repositories = [...byRepo.values()];
  yield* sortInSteps(repositories, (a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0), TAGS_PER_STEP);
  for (const r of repositories) {
    if (r.tags.length < 2) continue;
    yield* sortInSteps(r.tags, newestFirst, TAGS_PER_STEP);
    sinceYield += r.tags.length;
    if (sinceYield >= TAGS_PER_STEP) {
      sinceYield = 0;
      yield;
    }
  }
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

function newestFirst(a: TagEntry, b: TagEntry): number {
  return b.image.created - a.image.created || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
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
