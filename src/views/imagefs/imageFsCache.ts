import type { Engine } from '../../engine/Engine';
import { imageFileSystemInSlices, type FsNode } from '../../model/layers/imageFileSystem';
import { imageLayers } from '../images/imageLayersCache';

/** An image's stacked filesystem and its layers' diff IDs bottom-up (where each copy's bytes are). */
export interface ImageFs {
  readonly imageId: string;
  readonly root: FsNode;
  readonly diffIds: readonly string[];
}

const KEEP = 4;
const cache = new Map<string, Promise<ImageFs>>();
/** Built in 10 ms slices: a 300,000-entry image never holds the extension host for long. */
const slicing = { now: () => performance.now(), pause: () => new Promise<void>((resolve) => setImmediate(resolve)), sliceMs: 10 };

/** The stacked filesystem of an image, built once from its layer indexes and kept for the last few images. */
export function imageFs(engine: Engine, imageId: string): Promise<ImageFs> {
  let found = cache.get(imageId);
  if (found) {
    cache.delete(imageId);
    cache.set(imageId, found);
    return found;
  }
  found = imageLayers(engine, imageId).then(async (image) => ({
    imageId,
    root: await imageFileSystemInSlices(image.layers.map((l) => l.index), slicing),
    diffIds: image.layers.map((l) => l.diffId),
  }));
  found.catch(() => cache.delete(imageId));
  cache.set(imageId, found);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return found;
}
