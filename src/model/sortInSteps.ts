/**
 * Sorts `items` in place, stably, yielding after about every `step` elements of
 * work, so a caller can let the event loop run between steps: sorting 20,000 tags
 * of one repository in one go holds the extension host for tens of ms on a busy
 * machine. Bottom-up merge sort: runs of `step` sorted by the engine's own sort,
 * then merged pairwise.
 */
export function* sortInSteps<T>(items: T[], compare: (a: T, b: T) => number, step: number): Generator<void, void> {
  const n = items.length;
  if (n <= step) {
    items.sort(compare);
    return;
  }
  for (let start = 0; start < n; start += step) {
    const run = items.slice(start, Math.min(start + step, n)).sort(compare);
    for (let i = 0; i < run.length; i++) items[start + i] = run[i];
    yield;
  }
  let from = items;
  let to: T[] = new Array<T>(n);
  let done = 0;
  for (let width = step; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        // `<= 0` takes from the left run on ties: the sort stays stable.
        to[k++] = j >= hi || (i < mid && compare(from[i], from[j]) <= 0) ? from[i++] : from[j++];
        if (++done >= step) {
          done = 0;
          yield;
        }
      }
    }
    [from, to] = [to, from];
  }
  if (from !== items) for (let i = 0; i < n; i++) items[i] = from[i];
}
