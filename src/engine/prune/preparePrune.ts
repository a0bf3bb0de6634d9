import { freedLayerBytes } from '../../model/prune/freedLayerBytes';
import { planPrune, type PruneChoice, type PrunePlan } from '../../model/prune/planPrune';
import type { PruneImage } from '../../model/prune/PruneInventory';
import type { Engine } from '../Engine';
import { readPruneInventory } from './readPruneInventory';
import { readPruneLayers } from './readPruneLayers';
import { readRootfs } from './readRootfs';

export interface PreparedPrune {
  readonly plan: PrunePlan;
  /** Bytes the images' removal frees, shared layers counted once and kept ones not at all. */
  readonly imageBytes: number;
  /** Bytes of the containers' writable layers. */
  readonly containerBytes: number;
}

/** Reads the engine once and says what the choice removes and what that frees; removes nothing. */
export async function preparePrune(engine: Engine, choice: PruneChoice): Promise<PreparedPrune> {
  const inventory = await readPruneInventory(engine);
  const first = planPrune(inventory, choice);
  // Sizes per layer are needed only for removed images that share a layer; a kept
  // image matters only through which layers it holds (its rootfs, one inspect),
  // and only if it shares something at all (SharedSize 0: nothing).
  const read = await readPruneLayers(engine, first.images);
  const removed = first.images.flatMap((image, n) => (read[n] ? [{ ...read[n]!, reason: image.reason }] : []));
  const sharingKept = removed.some((i) => i.sharedSize !== 0) ? first.keptImages.filter((i) => i.sharedSize !== 0) : [];
  const rootfs = await readRootfs(engine, sharingKept.map((i) => i.id));
  const layersOf = new Map(sharingKept.map((i, n) => [i.id, rootfs[n]]));
  const keptImages: PruneImage[] = first.keptImages.flatMap((i) => {
    const diffIds = layersOf.get(i.id);
    if (diffIds === null) return [];
    return [diffIds ? { ...i, layers: diffIds.map((diffId) => ({ diffId, size: 0 })) } : i];
  });
  const plan: PrunePlan = { ...first, images: removed, keptImages };
  return {
    plan,
    imageBytes: freedLayerBytes(plan.images, plan.keptImages),
    containerBytes: plan.containers.reduce((sum, c) => sum + Math.max(0, c.sizeRw), 0),
  };
}
