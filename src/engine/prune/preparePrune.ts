import { freedLayerBytes } from '../../model/prune/freedLayerBytes';
import { planPrune, type PruneChoice, type PrunePlan } from '../../model/prune/planPrune';
import type { PruneImage } from '../../model/prune/PruneInventory';
import type { Engine } from '../Engine';
import { readPruneInventory } from './readPruneInventory';
import { readPruneLayers } from './readPruneLayers';

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
  // Only images that share layers need theirs read, and kept ones only when a removed one shares.
  const sharing = (i: PruneImage) => i.sharedSize !== 0;
  const toRead = [...first.images.filter(sharing), ...(first.images.some(sharing) ? first.keptImages.filter(sharing) : [])];
  const read = await readPruneLayers(engine, toRead);
  const byId = new Map(read.filter((i): i is PruneImage => i !== null).map((i) => [i.id, i]));
  const gone = new Set(toRead.filter((_, n) => read[n] === null).map((i) => i.id));
  const withLayers = (i: PruneImage) => byId.get(i.id) ?? i;
  const plan: PrunePlan = {
    ...first,
    images: first.images.filter((i) => !gone.has(i.id)).map((i) => ({ ...withLayers(i), reason: i.reason })),
    keptImages: first.keptImages.filter((i) => !gone.has(i.id)).map(withLayers),
  };
  return {
    plan,
    imageBytes: freedLayerBytes(plan.images, plan.keptImages),
    containerBytes: plan.containers.reduce((sum, c) => sum + Math.max(0, c.sizeRw), 0),
  };
}
