/** One layer of a remote image, as its manifest and config describe it. */
export interface RemoteLayer {
  /** The compressed blob's digest (what a pull downloads). */
  readonly digest: string;
  readonly size: number;
  /** The uncompressed content's digest, from the config's `rootfs.diff_ids`: what the engine keys layers by. */
  readonly diffId: string;
}

/** A local image's layers, bottom first (`RootFS.Layers`), and its names. */
export interface LocalLayers {
  readonly id: string;
  readonly names: readonly string[];
  readonly diffIds: readonly string[];
}

export interface ComparedLayer extends RemoteLayer {
  /** Some local image has a layer with this diff ID. */
  readonly present: boolean;
  /**
   * Some local image has this layer on exactly the same layers below it: the engine then
   * holds this very layer (its chain ID), and a pull skips it without a download.
   */
  readonly sameChain: boolean;
  /** Names (or short IDs) of local images holding it, at most a few. */
  readonly heldBy: readonly string[];
}

export interface LayerComparison {
  readonly layers: readonly ComparedLayer[];
  readonly presentCount: number;
  readonly presentBytes: number;
  /** What a pull would still download: the layers not on the same chain locally. */
  readonly missingBytes: number;
  readonly totalBytes: number;
}

const HELD_BY_SHOWN = 3;

/** Which of a remote image's layers the engine already holds, by diff ID and by chain. */
export function compareLayers(remote: readonly RemoteLayer[], local: readonly LocalLayers[]): LayerComparison {
  const holders = new Map<string, string[]>();
  for (const image of local) {
    const name = image.names[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12);
    for (const diffId of new Set(image.diffIds)) {
      const list = holders.get(diffId) ?? [];
      list.push(name);
      holders.set(diffId, list);
    }
  }
  let chainLength = 0;
  for (const image of local) {
    let n = 0;
    while (n < remote.length && n < image.diffIds.length && image.diffIds[n] === remote[n].diffId) n++;
    chainLength = Math.max(chainLength, n);
  }
  const layers = remote.map((layer, i): ComparedLayer => {
    const held = holders.get(layer.diffId) ?? [];
    return { ...layer, present: held.length > 0, sameChain: i < chainLength, heldBy: held.slice(0, HELD_BY_SHOWN) };
  });
  const sum = (list: readonly ComparedLayer[]) => list.reduce((a, l) => a + l.size, 0);
  return {
    layers,
    presentCount: layers.filter((l) => l.present).length,
    presentBytes: sum(layers.filter((l) => l.present)),
    missingBytes: sum(layers.filter((l) => !l.sameChain)),
    totalBytes: sum(layers),
  };
}
