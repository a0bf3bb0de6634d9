import { createHash } from 'node:crypto';
import type { PruneImage } from './PruneInventory';

/**
 * The bytes of the layers the engine said it deleted. Removing an image, the engine
 * answers `Deleted: <chain ID>` for each layer it released (a layer another image
 * still holds is not released, and not named), so this counts exactly what went.
 * A chain ID is the image spec's: sha256 of the chain ID below, a space and the diff ID.
 * An image whose layers were not read shares none (SharedSize 0): all of it went with it. Pure.
 */
export function reclaimedLayerBytes(removed: readonly PruneImage[], deleted: ReadonlySet<string>): number {
  const counted = new Set<string>();
  let total = 0;
  for (const image of removed) {
    if (!image.layers) {
      if (deleted.has(image.id) && !counted.has(image.id)) total += image.size;
      counted.add(image.id);
      continue;
    }
    let chain = '';
    for (const layer of image.layers) {
      chain = chain ? `sha256:${createHash('sha256').update(`${chain} ${layer.diffId}`).digest('hex')}` : layer.diffId;
      if (counted.has(chain) || !deleted.has(chain)) continue;
      counted.add(chain);
      total += layer.size;
    }
  }
  return total;
}
