import type { Engine } from '../../engine/Engine';
import type { ImageLayers } from '../../engine/layers/LayerEntry';
import type { LayerIndexCache } from '../../engine/layers/LayerIndexCache';
import { engineModule } from '../../engineModule';

/** Indexed images kept in memory: the export is read once per image, not once per layer expanded. */
const KEEP = 4;
const cache = new Map<string, Promise<ImageLayers>>();
/** Where layer indexes are kept on disk (the extension's global storage), once activation says. */
let diskDir: string | undefined;
let disk: LayerIndexCache | undefined;

export function setLayerIndexFolder(dir: string): void {
  diskDir = dir;
  disk = undefined;
}

/** The disk cache of layer indexes, once activation has named its folder. */
export function layerIndexCache(): LayerIndexCache | undefined {
  if (diskDir && !disk) disk = new (engineModule().LayerIndexCache)(diskDir);
  return disk;
}

/**
 * The layers of an image, indexed from the engine's export (a stream; only the indexes
 * are written, to the extension's storage, keyed by diff ID and bounded), shared by
 * every layer of it the view expands. A failed read is forgotten, so expanding again
 * tries again.
 */
export function imageLayers(engine: Engine, imageId: string): Promise<ImageLayers> {
  let found = cache.get(imageId);
  if (found) {
    cache.delete(imageId);
    cache.set(imageId, found);
    return found;
  }
  const mod = engineModule();
  const disk = layerIndexCache();
  found = disk ? mod.readImageLayersCached(engine, imageId, disk) : mod.readImageExport(engine, imageId);
  found.catch(() => cache.delete(imageId));
  cache.set(imageId, found);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return found;
}

/**
 * The layers of an image as far as they are known without reading its export: kept in
 * memory (the view opened it), or every index in the disk cache; else undefined.
 */
export async function knownImageLayers(engine: Engine, imageId: string): Promise<ImageLayers | undefined> {
  const kept = cache.get(imageId);
  if (kept) return kept.catch(() => undefined);
  const mod = engineModule();
  const disk = layerIndexCache();
  return disk ? mod.readCachedImageLayers(engine, imageId, disk).catch(() => undefined) : undefined;
}
