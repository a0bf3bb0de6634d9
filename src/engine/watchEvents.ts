import type { Engine } from './Engine';
import type { EngineEvent } from './types';

export type ConnectionState = { readonly up: true } | { readonly up: false; readonly error: Error };

export interface EventWatch {
  dispose(): void;
  /** Try to reconnect now instead of waiting for the next backoff step. */
  retryNow(): void;
}

const BACKOFF_MS = [500, 1000, 2000, 5000, 10000];

/**
 * Follows the engine's event stream (one long-lived request: no polling while it
 * is up). When the stream breaks, reports the engine as down and reconnects with
 * backoff, reporting it up again when the stream reopens.
 */
export function watchEvents(
  engine: Engine,
  onEvent: (e: EngineEvent) => void,
  onState: (s: ConnectionState) => void,
): EventWatch {
  let disposed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let abort: AbortController | undefined;
  let lastUp: boolean | undefined;

  const report = (s: ConnectionState) => {
    if (s.up !== lastUp || !s.up) onState(s);
    lastUp = s.up;
  };

  const schedule = (error: Error) => {
    if (disposed) return;
    report({ up: false, error });
    const delay = BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)];
    timer = setTimeout(connect, delay);
  };

  const connect = async () => {
    timer = undefined;
    if (disposed) return;
    abort = new AbortController();
    let stream: NodeJS.ReadableStream;
    try {
      const options = { filters: { type: ['image', 'container'] }, abortSignal: abort.signal };
      stream = await engine.call('follow engine events', (d) =>
        (d.getEvents as (o: typeof options) => Promise<NodeJS.ReadableStream>).call(d, options),
      );
    } catch (err) {
      return schedule(err as Error);
    }
    attempt = 0;
    report({ up: true });
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (!line) continue;
        try {
          const e = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { ID?: string }; id?: string; time?: number };
          onEvent({ type: e.Type ?? '', action: e.Action ?? '', id: e.Actor?.ID ?? e.id ?? '', time: e.time ?? 0 });
        } catch {
          // A partial or foreign line; the next refresh will catch up anyway.
        }
      }
    });
    const ended = (err?: Error) => {
      if (disposed) return;
      stream.removeAllListeners();
      // A broken stream only says "aborted" or "socket hang up"; say whose stream it was.
      schedule(new Error(`the engine at ${engine.endpoint.url} closed the event stream${err?.message ? ` (${err.message})` : ''}`));
    };
    stream.on('end', () => ended());
    stream.on('error', (err: Error) => ended(err));
  };

  void connect();
  return {
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      abort?.abort();
    },
    retryNow() {
      if (disposed || !timer) return;
      clearTimeout(timer);
      attempt = 0;
      void connect();
    },
  };
}
