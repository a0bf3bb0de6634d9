/** One image as the save estimate sees it: its rootfs layers (oldest first) with their sizes, when known. */
export interface ImageLayers {
  readonly id: string;
  /** The whole image's size, used when its layers could not be told apart. */
  readonly size: number;
  /** Diff IDs with sizes, oldest first; null when the history did not line up with the rootfs. */
  readonly layers: ReadonlyArray<{ readonly diffId: string; readonly size: number }> | null;
}

/**
 * The bytes of layer data an archive of these images holds: each layer once, as
 * `docker save` writes it, however many of the images share it. A layer is the
 * same layer only with the same layers beneath it (the engine stores layers by
 * chain), so the key is the whole chain of diff IDs up to it. Pure.
 */
export function distinctLayerBytes(images: readonly ImageLayers[]): number {
  const seenImages = new Set<string>();
  const seenChains = new Set<string>();
  let total = 0;
  for (const image of images) {
    if (seenImages.has(image.id)) continue;
    seenImages.add(image.id);
    if (!image.layers) {
      total += image.size;
      continue;
    }
    let chain = '';
    for (const layer of image.layers) {
      chain = chain ? `${chain}>${layer.diffId}` : layer.diffId;
      if (seenChains.has(chain)) continue;
      seenChains.add(chain);
      total += layer.size;
    }
  }
  return total;
}
