import { NO_ANSWER } from '../EngineError';

/**
 * Makes the request `open` starts, and waits for its answer to start without waiting for
 * ever on a frozen engine (it accepts the connection and never answers).
 *
 * Not a plain limit on the answer's start: Podman's Docker API sends the status line
 * and headers of a followed log only with its first line, so a container that has
 * printed nothing gives no answer for as long as it stays quiet, which is no fault.
 * So each `everyMs` without an answer, the engine is asked whether it answers at all
 * (`alive`, itself limited): if it does, the wait goes on; if not, the request is
 * aborted and fails as the engine's other unanswered requests do.
 */
export async function untilAnswered<T>(request: string, everyMs: number, alive: () => Promise<unknown>, open: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const started = Date.now();
  let settled = false;
  let dead = false;
  let timer: NodeJS.Timeout | undefined;
  const watch = () => {
    timer = setTimeout(() => {
      alive().then(
        () => !settled && watch(),
        () => {
          if (settled) return;
          dead = true;
          controller.abort();
        },
      );
    }, everyMs);
  };
  watch();
  try {
    return await open(controller.signal);
  } catch (err) {
    if (!dead) throw err;
    throw Object.assign(new Error(`no answer to ${request} in ${Math.round((Date.now() - started) / 1000)} s, nor to a ping`), { code: NO_ANSWER });
  } finally {
    settled = true;
    clearTimeout(timer);
  }
}
