import type { Engine } from './Engine';
import { familiarName } from './familiarName';
import type { ImageSummary } from './types';

const NONE = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

/**
 * Top-level images, as `docker image ls` lists them. Intermediate build images are
 * left out by the engine itself (no `all=1`), so they are never mistaken for
 * untagged images. Names are given in Docker's familiar form (familiarName), which
 * Podman's API does not use.
 */
export async function listImages(engine: Engine): Promise<ImageSummary[]> {
  const raw = await engine.call('list images', (d) => d.listImages({ all: false }));
  return raw.map((i) => ({
    id: i.Id,
    repoTags: (i.RepoTags ?? []).filter((t) => t !== NONE).map(familiarName),
    repoDigests: (i.RepoDigests ?? []).filter((t) => t !== NONE_DIGEST).map(familiarName),
    created: i.Created,
    size: i.Size,
    containers: i.Containers ?? -1,
    labels: i.Labels ?? {},
    parentId: i.ParentId ?? '',
  }));
}
