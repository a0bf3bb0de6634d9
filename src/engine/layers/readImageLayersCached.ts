import type { Engine } from '../Engine';
import { inspectImage } from '../inspectImage';
import type { ImageLayers } from './LayerEntry';
import type { LayerIndexCache } from './LayerIndexCache';
import { readImageExport } from './readImageExport';

/**
 * An image's layer indexes, from the disk cache when it holds every layer (one inspect,
 * no export), else from the export, whose layers are then cached. Commands are not
 * cached: the view takes them from the image's history.
 */
export async function readImageLayersCached(engine: Engine, imageId: string, cache: LayerIndexCache, signal?: AbortSignal): Promise<ImageLayers> {
  const { image: held, diffIds, cached } = await fromCache(engine, imageId, cache);
  if (held) return held;
  const image = await readImageExport(engine, imageId, signal);
  const kept = new Set(diffIds.filter((_, i) => cached[i] !== undefined));
  for (const layer of image.layers) if (!kept.has(layer.diffId)) await cache.put(layer.diffId, layer.index.entries);
  return image;
}

/** An image's layer indexes when the disk cache holds every one of them (one inspect, no export), else undefined. */
export async function readCachedImageLayers(engine: Engine, imageId: string, cache: LayerIndexCache): Promise<ImageLayers | undefined> {
  return (await fromCache(engine, imageId, cache)).image;
}

async function fromCache(engine: Engine, imageId: string, cache: LayerIndexCache) {
  const info = await inspectImage(engine, imageId);
  const diffIds = info.RootFS?.Layers ?? [];
  const cached = await Promise.all(diffIds.map((d) => cache.get(d)));
  const image: ImageLayers | undefined =
    diffIds.length > 0 && cached.every((c) => c !== undefined)
      ? { id: info.Id, repoTags: info.RepoTags ?? [], layout: 'docker', layers: diffIds.map((diffId, i) => ({ diffId, index: { entries: cached[i]! } })) }
      : undefined;
  return { image, diffIds, cached };
}
