/**
 * Polls `probe` until it returns something other than undefined/false, or fails after
 * `timeoutMs` with a message naming what was awaited and what was last seen. Every wait
 * in the e2e harness goes through a bounded condition like this, never a fixed sleep.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; intervalMs?: number; lastSeen?: () => Promise<string> | string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 250;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  let seen = '';
  if (options.lastSeen) {
    try {
      seen = `; last seen: ${await options.lastSeen()}`;
    } catch (err) {
      seen = `; could not describe the last state: ${(err as Error).message}`;
    }
  }
  const cause = lastError ? `; last error: ${(lastError as Error).message ?? String(lastError)}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}${cause}`);
}
