import { createServer, connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface UnixRelayOptions {
  /** Called with each chunk a client sends, before it is passed on. */
  readonly onRequestChunk?: (chunk: Buffer) => void;
  /** Whether to hold a client's chunk (and what follows it on that connection) until `release` resolves. */
  readonly hold?: (chunk: Buffer) => Promise<void> | undefined;
  /** Client-to-engine bytes per second; unlimited when absent. */
  readonly upBytesPerSecond?: number;
}

/** A relay on a unix socket of its own in front of an engine's socket. */
export interface UnixRelay {
  /** `unix://…` to reach the engine through the relay. */
  readonly url: string;
  /** Bytes passed from clients to the engine so far. */
  readonly upBytes: number;
  close(): Promise<void>;
}

/**
 * A relay of the test's own between a client and an engine's unix socket, to watch
 * (onRequestChunk), hold (hold) or slow (upBytesPerSecond) what the client sends.
 * Backpressure is kept: a held or slowed connection is not read meanwhile.
 */
export async function startUnixRelay(engineSocket: string, options: UnixRelayOptions = {}): Promise<UnixRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-relay-'));
  const path = join(dir, 'relay.sock');
  const sockets = new Set<Socket>();
  let upBytes = 0;
  const server = createServer((client) => {
    const engine = connect(engineSocket);
    sockets.add(client).add(engine);
    // Each chunk goes on after the one before it: holding or slowing keeps the order.
    let last: Promise<unknown> = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      options.onRequestChunk?.(chunk);
      const hold = options.hold?.(chunk);
      client.pause();
      const wait = options.upBytesPerSecond ? new Promise((r) => setTimeout(r, (chunk.length / options.upBytesPerSecond!) * 1000)) : undefined;
      last = Promise.all([last, hold, wait]).then(
        () =>
          new Promise<void>((resolve) => {
            upBytes += chunk.length;
            if (engine.write(chunk)) resolve();
            else engine.once('drain', resolve);
          }),
      );
      void last.then(() => client.resume());
    });
    engine.pipe(client);
    client.on('end', () => void last.then(() => engine.end()));
    const close = () => {
      client.destroy();
      engine.destroy();
    };
    client.on('error', close);
    engine.on('error', close);
    client.on('close', () => sockets.delete(client));
    engine.on('close', () => sockets.delete(engine));
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    url: `unix://${path}`,
    get upBytes() {
      return upBytes;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
