import type { Engine } from './Engine';
import type { ImageSummary } from './types';

const NONE = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

/**
 * Top-level images, as `docker image ls` lists them. Intermediate build images are
 * left out by the engine itself (no `all=1`), so they are never mistaken for
 * untagged images.
 */
export async function listImages(engine: Engine): Promise<ImageSummary[]> {
  const raw = await engine.call('list images', (d) => d.listImages({ all: false }));
  return raw.map((i) => ({
    id: i.Id,
    repoTags: (i.RepoTags ?? []).filter((t) => t !== NONE),
    repoDigests: (i.RepoDigests ?? []).filter((t) => t !== NONE_DIGEST),
    created: i.Created,
    size: i.Size,
    containers: i.Containers ?? -1,
    labels: i.Labels ?? {},
    parentId: i.ParentId ?? '',
  }));
}
