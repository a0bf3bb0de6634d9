/**
 * A view's listing, run at most once at a time. A listing asked for while one is
 * running gets that one, unless the engine changed since it started: then it gets
 * one follow-up that starts when the running one ends, shared by everyone who
 * asks meanwhile. So a storm of changes never stacks listings, and a caller that
 * changed the engine itself (tag, then reveal) always gets a listing that started
 * after its change.
 */
export class SingleFlight<T> {
  private current?: Promise<T>;
  private running?: Promise<T>;
  private followUp?: Promise<T>;
  private stale = true;
  private startedCount = 0;

  constructor(private readonly produce: () => Promise<T>) {}

  /** The latest result, or the running listing, or a new one when the last is stale. */
  get(): Promise<T> {
    if (this.followUp) return this.followUp;
    if (this.current && !this.stale) return this.current;
    if (this.running) {
      const after = this.running.then(
        () => undefined,
        () => undefined,
      );
      this.followUp = after.then(() => {
        this.followUp = undefined;
        return this.start();
      });
      return this.followUp;
    }
    return this.start();
  }

  /** The engine changed: the next get() lists again (after the running listing, if any). */
  invalidate(): void {
    this.stale = true;
  }

  /** Whether a listing is running now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** How many listings have been started (for tests and benchmarks). */
  get started(): number {
    return this.startedCount;
  }

  private start(): Promise<T> {
    this.stale = false;
    this.startedCount++;
    const p = this.produce();
    this.current = p;
    this.running = p;
    const settle = () => {
      if (this.running === p) this.running = undefined;
    };
    p.then(settle, () => {
      settle();
      // A failed listing is not kept: the next get() tries again.
      if (this.current === p) this.stale = true;
    });
    return p;
  }
}
