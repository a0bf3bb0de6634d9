import { formatBytes } from '../../shared/formatBytes';
import { plural } from '../plural';

/** The outcome's figures, as removePruned returns them. */
export interface PruneOutcomeFigures {
  readonly containers: readonly unknown[];
  readonly images: readonly unknown[];
  readonly skipped: ReadonlyArray<{ readonly what: string; readonly reason: string }>;
  readonly reclaimedBytes: number;
}

/** The message after a prune: what went, the space reclaimed, and each thing kept with why. Pure. */
export function describePruneOutcome(o: PruneOutcomeFigures): string {
  const removed: string[] = [];
  if (o.containers.length) removed.push(plural(o.containers.length, 'container'));
  if (o.images.length) removed.push(plural(o.images.length, 'image'));
  const head = removed.length
    ? `Removed ${removed.join(' and ')}: ${formatBytes(o.reclaimedBytes)} reclaimed.`
    : 'Nothing was removed.';
  if (!o.skipped.length) return head;
  const shown = o.skipped.slice(0, 10).map((s) => `${s.what}: ${s.reason}`);
  const more = o.skipped.length > shown.length ? `; and ${o.skipped.length - shown.length} more` : '';
  return `${head} Kept ${plural(o.skipped.length, 'object')}: ${shown.join('; ')}${more}.`;
}
