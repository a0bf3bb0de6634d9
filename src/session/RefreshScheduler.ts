import { systemClock, type Clock } from './Clock';

export interface RefreshTimings {
  /** A refresh waits until the engine has been quiet this long… */
  readonly quietMs: number;
  /** …but never longer than this after the first event it covers, so a long storm still shows progress. */
  readonly maxWaitMs: number;
}

/**
 * 600 events in 2 s settle into 2 refreshes: one at maxWait, one after the storm.
 * An isolated event (a `docker tag` in a terminal) shows after quietMs.
 */
export const DEFAULT_TIMINGS: RefreshTimings = { quietMs: 300, maxWaitMs: 1500 };

/**
 * Turns the engine's events into refreshes of the views: a trailing debounce with a
 * maximum wait, over all kinds at once (one storm usually touches images and
 * containers together, and each refresh also re-reads the Engine view). Refreshes
 * after Stowage's own actions skip the wait (`now`), since the user is looking at
 * the result.
 */
export class RefreshScheduler<K extends string> {
  private readonly pending = new Set<K>();
  private firstAt = 0;
  private lastAt = 0;
  private timer: unknown;
  private disposed = false;

  constructor(
    private readonly fire: (kinds: ReadonlySet<K>) => void,
    private readonly timings: RefreshTimings = DEFAULT_TIMINGS,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Something changed in the engine: refresh `kind` once things settle. */
  request(kind: K): void {
    if (this.disposed) return;
    const now = this.clock.now();
    if (!this.pending.size) this.firstAt = now;
    this.pending.add(kind);
    this.lastAt = now;
    // One timer per batch, re-armed when it wakes too early: a storm costs no timer churn.
    if (this.timer === undefined) this.arm(this.dueAt() - now);
  }

  /** Refresh `kinds` right away; what was pending for them is covered by this refresh. */
  now(kinds: Iterable<K>): void {
    if (this.disposed) return;
    const set = new Set(kinds);
    for (const k of set) this.pending.delete(k);
    if (!this.pending.size) this.cancel();
    this.fire(set);
  }

  /** Whether a refresh is waiting for the engine to settle. */
  get waiting(): boolean {
    return this.pending.size > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.pending.clear();
    this.cancel();
  }

  private dueAt(): number {
    return Math.min(this.lastAt + this.timings.quietMs, this.firstAt + this.timings.maxWaitMs);
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimer(() => this.wake(), Math.max(0, ms));
  }

  private wake(): void {
    this.timer = undefined;
    if (this.disposed || !this.pending.size) return;
    const left = this.dueAt() - this.clock.now();
    if (left > 0) return this.arm(left);
    const kinds = new Set(this.pending);
    this.pending.clear();
    this.fire(kinds);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }
}
