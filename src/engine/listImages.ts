import type { Engine } from './Engine';
import { familiarName } from './familiarName';
import type { ImageSummary } from './types';

const NONE = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';
/** Images mapped per turn of the event loop: a few milliseconds each, even at 10,000 names on one. */
const SLICE = 250;

/**
 * Top-level images, as `docker image ls` lists them. Intermediate build images are
 * left out by the engine itself (no `all=1`), so they are never mistaken for
 * untagged images. Names are given in Docker's familiar form (familiarName), which
 * Podman's API does not use.
 */
export async function listImages(engine: Engine): Promise<ImageSummary[]> {
  const raw = await engine.call('list images', (d) => d.listImages({ all: false }));
  // The engine's answer was parsed in the tick that resolved the call; mapping a big
  // listing (10,000 names to put in familiar form) in that same tick would add to that
  // block of the extension host. So the mapping starts on a later turn, and yields
  // between slices.
  const out: ImageSummary[] = new Array(raw.length);
  for (let start = 0; start < raw.length; start += SLICE) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const end = Math.min(raw.length, start + SLICE);
    for (let k = start; k < end; k++) {
      const i = raw[k];
      out[k] = {
        id: i.Id,
        repoTags: (i.RepoTags ?? []).filter((t) => t !== NONE).map(familiarName),
        repoDigests: (i.RepoDigests ?? []).filter((t) => t !== NONE_DIGEST).map(familiarName),
        created: i.Created,
        size: i.Size,
        containers: i.Containers ?? -1,
        labels: i.Labels ?? {},
        parentId: i.ParentId ?? '',
      };
    }
  }
  return out;
}
