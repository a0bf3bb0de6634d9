import { plural } from './plural';

/** "3 minutes ago", from seconds since the epoch, the way `docker image ls` says CREATED. */
export function formatAge(createdSeconds: number, nowMs: number = Date.now()): string {
  const s = Math.max(0, Math.floor(nowMs / 1000 - createdSeconds));
  const steps: Array<[number, string]> = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [7, 'day'],
    [4.345, 'week'],
    [12, 'month'],
    [Infinity, 'year'],
  ];
  let v = s;
  for (const [size, unit] of steps) {
    if (v < size) {
      const n = Math.floor(v);
      return n <= 1 && unit === 'second' ? 'just now' : `${plural(n, unit)} ago`;
    }
    v /= size;
  }
  return 'long ago';
}
