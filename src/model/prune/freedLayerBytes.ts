import type { PruneImage } from './PruneInventory';

/**
 * The bytes removing `removed` frees while `kept` stay: each layer once, and only
 * layers no kept image holds. A layer is the same layer only with the same layers
 * beneath it (the engine stores layers by chain), so the key is the chain of diff
 * IDs up to it. Summing `size - sharedSize` would count nothing for a layer shared
 * only among removed images (two dangling builds on one base that goes too), and
 * summing `size` would count it twice. An image whose layers are unknown counts
 * its unshared bytes only, which can understate but never overstate. Pure.
 */
export function freedLayerBytes(removed: readonly PruneImage[], kept: readonly PruneImage[]): number {
  const held = new Set<string>();
  for (const image of kept) for (const chain of chains(image)) held.add(chain);
  const counted = new Set<string>();
  const seen = new Set<string>();
  let total = 0;
  for (const image of removed) {
    if (seen.has(image.id)) continue;
    seen.add(image.id);
    if (!image.layers) {
      total += Math.max(0, image.size - Math.max(0, image.sharedSize));
      continue;
    }
    let chain = '';
    for (const layer of image.layers) {
      chain = chain ? `${chain}>${layer.diffId}` : layer.diffId;
      if (held.has(chain) || counted.has(chain)) continue;
      counted.add(chain);
      total += layer.size;
    }
  }
  return total;
}

function chains(image: PruneImage): string[] {
  const out: string[] = [];
  let chain = '';
  for (const layer of image.layers ?? []) {
    chain = chain ? `${chain}>${layer.diffId}` : layer.diffId;
    out.push(chain);
  }
  return out;
}
