import type { Readable } from 'node:stream';
import type { Engine } from '../Engine';
import { LogFrameSplitter } from './LogFrameSplitter';

export interface LogOptions {
  /** How many of the last lines to show first; undefined for all. */
  readonly tail?: number;
  readonly timestamps: boolean;
}

export interface LogFollow {
  /** LogChunk objects, stdout and stderr told apart when the container has no TTY. Reading slowly slows the engine's sending (backpressure). */
  readonly chunks: LogFrameSplitter;
  /** Closes the engine's stream; the engine stops sending. */
  close(): void;
}

/** A container's log (`docker logs -f [--tail N] [-t]`) as a stream that is never gathered whole. */
export async function followLogs(engine: Engine, container: string, options: LogOptions): Promise<LogFollow> {
  const c = engine.api.getContainer(container);
  const info = await engine.call(`inspect container ${container}`, () => c.inspect());
  // Always follow: the engine ends the stream itself at the log's end once the container has stopped.
  const raw = await engine.call(`read the logs of ${container}`, () =>
    c.logs({ follow: true, stdout: true, stderr: true, timestamps: options.timestamps, ...(options.tail === undefined ? {} : { tail: options.tail }) }) as unknown as Promise<Readable>,
  );
  const chunks = new LogFrameSplitter(info.Config.Tty);
  raw.pipe(chunks);
  raw.on('error', (err) => chunks.destroy(err));
  return {
    chunks,
    close: () => {
      raw.unpipe(chunks);
      raw.destroy();
      chunks.end();
    },
  };
}
