/** What work run in slices needs of time: a clock and a way to let other work run. */
export interface Slicing {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolves after the event loop had a turn (setImmediate in the extension). */
  pause(): Promise<void>;
  /** How long one slice may run before pausing. */
  sliceMs: number;
}

/**
 * Runs `steps` to the end, pausing whenever a slice of `slicing.sliceMs` has passed,
 * and returns the generator's result: long work (an engine's tens of thousands of
 * tags, two 300,000-entry images) never holds the extension host for longer than a
 * slice plus one step.
 */
export async function runInSlices<T>(steps: Iterator<unknown, T>, slicing: Slicing): Promise<T> {
  let sliceStart = slicing.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (slicing.now() - sliceStart >= slicing.sliceMs) {
      await slicing.pause();
      sliceStart = slicing.now();
    }
  }
}

/** Runs `steps` to the end at once and returns the generator's result: the same work where nothing else waits (the CLI, tests). */
export function runToEnd<T>(steps: Iterator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
