import { describeLayers } from '../../model/describeLayers';
import { mapLimited } from '../../model/mapLimited';
import type { PruneImage } from '../../model/prune/PruneInventory';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { imageHistory } from '../imageHistory';

/**
 * Fills in each image's layers (diff IDs with sizes, oldest first), so shared
 * layers are counted once. Only images that share something need it: one whose
 * SharedSize is 0 frees exactly its size and holds nothing another needs. An
 * image gone since the inventory is left out (null in its place).
 */
export async function readPruneLayers(engine: Engine, images: readonly PruneImage[]): Promise<Array<PruneImage | null>> {
  return mapLimited(images, 4, async (image) => {
    if (image.sharedSize === 0) return image;
    try {
      const info = await engine.call(`inspect image ${image.id}`, (d) => d.getImage(image.id).inspect());
      const rootfs = info.RootFS?.Layers ?? [];
      const lined = describeLayers(await imageHistory(engine, image.id), rootfs, []).filter((r) => r.diffId !== null);
      const layers = lined.length === rootfs.length ? lined.reverse().map((r) => ({ diffId: r.diffId!, size: r.size })) : null;
      return { ...image, layers };
    } catch (err) {
      if (err instanceof EngineError && err.kind === 'notFound') return null;
      throw err;
    }
  });
}
