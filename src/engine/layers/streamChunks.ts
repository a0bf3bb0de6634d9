import type { Readable } from 'node:stream';

/** Chunks held before the stream is paused, and below which it flows again. */
const HIGH = 16;
const LOW = 4;

/**
 * A readable's chunks as they arrive, each as the stream made it. A readable's own
 * async iterator calls `read()`, which joins whatever is buffered into one new
 * buffer: on a 1 GiB export that is a copy of most of it (profiled). Ends when the
 * stream ends, throws what it fails with (or that it closed before its end), and
 * destroys it when the reader stops early.
 */
export async function* streamChunks(stream: Readable): AsyncGenerator<Buffer> {
  let queue: Buffer[] = [];
  let head = 0;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onData = (chunk: Buffer) => {
    queue.push(chunk);
    if (queue.length - head >= HIGH) stream.pause();
    signal();
  };
  const onEnd = () => {
    ended = true;
    signal();
  };
  const onError = (err: unknown) => {
    failure ??= err;
    signal();
  };
  const onClose = () => {
    if (!ended) failure ??= new Error('the stream closed before its end');
    signal();
  };
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', onError);
  stream.on('close', onClose);
  try {
    for (;;) {
      if (head < queue.length) {
        const chunk = queue[head++];
        if (head === queue.length) {
          queue = [];
          head = 0;
        }
        if (stream.isPaused() && queue.length - head < LOW) stream.resume();
        yield chunk;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('error', onError);
    stream.off('close', onClose);
    if (!ended) stream.destroy();
  }
}
