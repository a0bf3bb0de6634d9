import type { Readable } from 'node:stream';
import type { Engine } from '../Engine';
import { getOverHttp10 } from './getOverHttp10';
import { LogFrameSplitter } from './LogFrameSplitter';
import { pipeCoalesced } from './pipeCoalesced';

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
  const query = { follow: true, stdout: true, stderr: true, timestamps: options.timestamps, ...(options.tail === undefined ? {} : { tail: options.tail }) };
  const raw = await engine.call(`read the logs of ${container}`, () => openLogStream(engine, info.Id, query));
  const chunks = new LogFrameSplitter(info.Config.Tty);
  const stop = pipeCoalesced(raw, chunks);
  raw.on('error', (err) => chunks.destroy(err));
  return {
    chunks,
    close: () => {
      stop();
      raw.destroy();
      chunks.end();
    },
  };
}

/**
 * On a local socket, the log is read over HTTP/1.0 on a connection of its own (see
 * getOverHttp10: the engine then sends it without per-line chunk framing, for about
 * half the CPU). Over TCP, TLS or SSH it goes through dockerode, as every other call.
 */
async function openLogStream(engine: Engine, id: string, query: Record<string, boolean | number>): Promise<Readable> {
  const modem = engine.api.modem as { socketPath?: string | (() => string | Promise<string>); version?: string };
  if (typeof modem.socketPath !== 'string') return engine.api.getContainer(id).logs(query as { follow: true }) as unknown as Promise<Readable>;
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(typeof v === 'boolean' ? Number(v) : v)]));
  const path = `${modem.version ? `/${modem.version}` : ''}/containers/${encodeURIComponent(id)}/logs?${search}`;
  return engine.logged(`GET /containers/${id}/logs (HTTP/1.0)`, () => getOverHttp10(modem.socketPath as string, path));
}
