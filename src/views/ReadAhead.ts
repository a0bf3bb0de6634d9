/**
 * A row's children read before VS Code asks for them. A listing primes the rows the user
 * has expanded, so that when the view redraws their children are at hand: VS Code forgets
 * the rows below an expanded row from the change event until they are given again, and a
 * right-click in that window gets no row. Primed rows stay this row's children (VS Code may
 * ask more than once in one redraw); the next listing makes new rows and reads afresh.
 */
export class ReadAhead<T> {
  private ahead?: Promise<T | undefined>;

  constructor(private readonly read: () => Promise<T>) {}

  /** Reads now, for every later get(). A failure is not kept: get() reads again and reports its own. */
  async prime(): Promise<void> {
    const ahead = this.read().catch(() => undefined);
    this.ahead = ahead;
    if ((await ahead) === undefined && this.ahead === ahead) this.ahead = undefined;
  }

  /** What prime() read; otherwise (never primed, or the priming failed) a fresh read each time. */
  async get(): Promise<T> {
    return (await this.ahead) ?? this.read();
  }
}
