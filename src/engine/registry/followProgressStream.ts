import type { ProgressMessage } from './TransferState';

/**
 * Reads the engine's newline-delimited JSON progress stream (push, pull) to its
 * end, handing each message to `onMessage`. An abort destroys the stream (and so
 * the HTTP request: the engine stops the transfer) and rejects with an AbortError.
 */
export function followProgressStream(stream: NodeJS.ReadableStream, onMessage: (m: ProgressMessage) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let rest = '';
    let done = false;
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      finish(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const take = (line: string) => {
      const text = line.trim();
      if (!text) return;
      let message: ProgressMessage;
      try {
        message = JSON.parse(text) as ProgressMessage;
      } catch {
        return; // not a progress line; the engine only sends JSON here
      }
      try {
        onMessage(message);
      } catch (err) {
        finish(err);
      }
    };
    stream.setEncoding?.('utf8');
    stream.on('data', (chunk: string | Buffer) => {
      if (done) return;
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) take(line);
    });
    stream.on('end', () => {
      take(rest);
      finish();
    });
    stream.on('error', (err) => finish(signal?.aborted ? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }) : err));
    // A socket closed before 'end' (the engine went away) is a failure, not a finish.
    stream.on('close', () => finish(signal?.aborted ? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }) : done ? undefined : new Error('the engine closed the progress stream before the end')));
  });
}
