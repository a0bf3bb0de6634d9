import type { Engine } from '../../engine/Engine';
import type { ImageLayers } from '../../engine/layers/LayerEntry';
import { engineModule } from '../../engineModule';

/** Indexed images kept in memory: the export is read once per image, not once per layer expanded. */
const KEEP = 4;
const cache = new Map<string, Promise<ImageLayers>>();

/**
 * The layers of an image, indexed from the engine's export (a stream, nothing written
 * to disk), shared by every layer of it the view expands. A failed read is forgotten,
 * so expanding again tries again.
 */
export function imageLayers(engine: Engine, imageId: string): Promise<ImageLayers> {
  let found = cache.get(imageId);
  if (found) {
    cache.delete(imageId);
    cache.set(imageId, found);
    return found;
  }
  found = engineModule().readImageExport(engine, imageId);
  found.catch(() => cache.delete(imageId));
  cache.set(imageId, found);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return found;
}
