import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EngineProxy {
  /** The proxy's unix socket, for DOCKER_HOST=unix://… (unused when it listens on TCP). */
  readonly socketPath: string;
  /** DOCKER_HOST for the proxy: unix://<socketPath>, or tcp://127.0.0.1:<port> with `tcp`. */
  readonly dockerHost: string;
  /** Resolves once the fault has been applied to a matching request (it is applied to each). */
  readonly faulted: Promise<void>;
  close(): Promise<void>;
}

/**
 * A fault on the wire between a client and the real engine: a unix socket that
 * forwards every connection to the engine's socket untouched, except the one whose
 * requests whose request line matches `match`, whose answer it lets through for `afterBytes`
 * and then either destroys (`drop`: both sides, as a dying engine does) or stops
 * forwarding (`stall`: the client waits for bytes that never come).
 */
export async function startEngineProxy(options: { match: RegExp; afterBytes: number; fault: 'drop' | 'stall'; engineSocket?: string; tcp?: boolean }): Promise<EngineProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-proxy-'));
  const socketPath = join(dir, 'engine.sock');
  const engineSocket = options.engineSocket ?? '/var/run/docker.sock';
  const open = new Set<Socket>();
  let markFaulted = () => {};
  const faulted = new Promise<void>((resolve) => (markFaulted = resolve));

  const server = createServer((client) => {
    const engine = connect(engineSocket);
    open.add(client).add(engine);
    client.on('close', () => open.delete(client));
    engine.on('close', () => open.delete(engine));
    client.on('error', () => engine.destroy());
    engine.on('error', () => client.destroy());
    client.pipe(engine);
    let target: boolean | undefined;
    // Connections are kept alive and reused: every request that starts on this one is looked at.
    client.on('data', (chunk: Buffer) => {
      const line = chunk.toString('latin1', 0, Math.max(0, chunk.indexOf('\r\n')));
      if (/^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(line)) target = options.match.test(line);
    });
    let passed = 0;
    engine.on('data', (chunk: Buffer) => {
      if (!target) return void client.write(chunk);
      const room = options.afterBytes - passed;
      if (room > 0) {
        client.write(chunk.subarray(0, room));
        passed += Math.min(room, chunk.length);
      }
      if (passed < options.afterBytes) return;
      if (options.fault === 'drop') {
        engine.destroy();
        client.destroy();
      } else {
        engine.pause();
      }
      target = false;
      markFaulted();
    });
    engine.on('end', () => client.end());
  });
  // On TCP (loopback, plain HTTP) the client goes through dockerode as for any remote engine.
  if (options.tcp) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  else await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const address = server.address();
  return {
    socketPath,
    dockerHost: options.tcp && address && typeof address === 'object' ? `tcp://127.0.0.1:${address.port}` : `unix://${socketPath}`,
    faulted,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
