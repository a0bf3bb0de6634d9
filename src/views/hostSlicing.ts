import type { Slicing } from '../model/runInSlices';

/**
 * How long work on the extension host runs before letting it answer (runInSlices):
 * 10 ms slices, so building a tree of 300,000 entries or tens of thousands of tags
 * never holds it, and every other extension and the editor's requests, for long.
 */
export const hostSlicing: Slicing = { now: () => performance.now(), pause: () => new Promise<void>((resolve) => setImmediate(resolve)), sliceMs: 10 };
