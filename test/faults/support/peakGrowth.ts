/**
 * Runs `work` and samples the process's memory meanwhile; returns the peak growth
 * (MiB) of the JavaScript heap plus array buffers (where file and zlib data live)
 * and of RSS, above the level just before. Sampled on a timer, which fires
 * between the stream's chunks: a check that held the data would be seen.
 */
export async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; heapMiB: number; rssMiB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  const baseHeap = base.heapUsed + base.arrayBuffers;
  let peakHeap = baseHeap;
  let peakRss = base.rss;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 2);
  let result: T | undefined;
  let error: unknown;
  try {
    result = await work();
  } catch (err) {
    error = err;
  } finally {
    clearInterval(timer);
    sample();
  }
  const MIB = 1024 * 1024;
  return { result, error, heapMiB: (peakHeap - baseHeap) / MIB, rssMiB: (peakRss - base.rss) / MIB };
}
