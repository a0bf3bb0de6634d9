import type { Readable } from 'node:stream';
import type { Engine } from '../Engine';
import { getOverHttp10 } from './getOverHttp10';
import { LogDemuxer, type LogChunk } from './LogDemuxer';
import { untilAnswered } from './untilAnswered';

export interface LogOptions {
  /** How many of the last lines to show first; undefined for all. */
  readonly tail?: number;
  readonly timestamps: boolean;
}

export interface LogFollow {
  /**
   * Everything that has arrived and not been read yet, as runs of one stream in order
   * (stdout and stderr told apart when the container has no TTY), or null when nothing
   * has: then 'readable' says when more comes. Nothing more is read from the engine
   * while what arrived is not read (backpressure), so the log is never gathered whole.
   * Reading everything at once, rather than a piece per frame, is what keeps a log of
   * short lines cheap: one demultiplexing pass and one decode per socket read.
   */
  read(): LogChunk[] | null;
  /** 'readable': read() has something again; 'end': the log ended (the container stopped); 'close': the engine's stream is closed, whatever the reason. */
  on(event: 'readable' | 'end' | 'close', listener: () => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  /** Closes the engine's stream; the engine stops sending. */
  close(): void;
}

/** A container's log (`docker logs -f [--tail N] [-t]`) as a stream that is never gathered whole. */
export async function followLogs(engine: Engine, container: string, options: LogOptions): Promise<LogFollow> {
  const c = engine.api.getContainer(container);
  const info = await engine.call(`inspect container ${container}`, () => c.inspect());
  // Always follow: the engine ends the stream itself at the log's end once the container has stopped.
  const query = { follow: true, stdout: true, stderr: true, timestamps: options.timestamps, ...(options.tail === undefined ? {} : { tail: options.tail }) };
  const raw = await engine.call(`read the logs of ${container}`, () => openLogStream(engine, info.Id, query));
  const demuxer = new LogDemuxer(info.Config.Tty);
  return {
    read: () => {
      // In paused mode read() hands over everything buffered as one Buffer, ours from then on.
      const bytes = raw.read() as Buffer | null;
      return bytes === null ? null : demuxer.split(bytes);
    },
    on(event: string, listener: (err: Error) => void) {
      raw.on(event, listener);
    },
    close: () => void raw.destroy(),
  };
}

/**
 * On a local socket, the log is read over HTTP/1.0 on a connection of its own (see
 * getOverHttp10: the engine then sends it without per-line chunk framing, for about
 * half the CPU). Over TCP, TLS or SSH it goes through dockerode, as every other call.
 * Either way a frozen engine (it accepts the connection and never answers) must not
 * leave the view waiting for ever: see untilAnswered. The log that follows may rightly
 * be quiet for hours, and has no limit.
 */
async function openLogStream(engine: Engine, id: string, query: Record<string, boolean | number>): Promise<Readable> {
  const modem = engine.api.modem as { socketPath?: string | (() => string | Promise<string>); version?: string };
  const alive = () => engine.api.ping();
  const request = `GET /containers/${id}/logs`;
  if (typeof modem.socketPath !== 'string') {
    return untilAnswered(request, engine.answerTimeoutMs, alive, (signal) => engine.api.getContainer(id).logs({ ...query, abortSignal: signal } as unknown as { follow: true }) as unknown as Promise<Readable>);
  }
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(typeof v === 'boolean' ? Number(v) : v)]));
  const path = `${modem.version ? `/${modem.version}` : ''}/containers/${encodeURIComponent(id)}/logs?${search}`;
  const socketPath = modem.socketPath;
  return engine.logged(`${request} (HTTP/1.0)`, () => untilAnswered(request, engine.answerTimeoutMs, alive, (signal) => getOverHttp10(socketPath, path, signal)));
}
