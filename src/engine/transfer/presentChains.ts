import type { Engine } from '../Engine';
import { chainIds } from './chainIds';

/** Inspections in flight at once: enough to hide latency, few enough not to crowd the engine. */
const PARALLEL = 8;

/**
 * The chain IDs of every layer the target engine holds under an image, found from
 * its images' RootFS (intermediate build images included: their layers are in the
 * store too). An image removed meanwhile is just not counted.
 */
export async function presentChains(target: Engine, signal?: AbortSignal): Promise<Set<string>> {
  const images = await target.call('list the target engine\'s images', (docker) => docker.listImages({ all: true }));
  const present = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < images.length) {
      signal?.throwIfAborted();
      const id = images[next++].Id;
      const info = await target.api
        .getImage(id)
        .inspect()
        .catch(() => undefined);
      for (const chain of chainIds(info?.RootFS?.Layers ?? [])) present.add(chain);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, images.length) }, worker));
  return present;
}
