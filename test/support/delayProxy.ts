import { fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * A TCP relay on 127.0.0.1 in front of a local registry that holds every chunk, each way,
 * for half of `roundTripMs`: the registry as it is across a network (one round trip per
 * request, one more per new connection) rather than on loopback. Order is kept; nothing is
 * read or changed. It runs in a process of its own (delayRelayProcess), so a benchmark's
 * client pays none of its CPU time.
 */
export interface DelayProxy {
  /** host:port to connect to instead of the registry. */
  readonly address: string;
  /** The relay's process, for benchmarks that count its CPU time. */
  readonly pid: number;
  /** TCP connections accepted so far: a client that keeps its connections alive opens few. */
  connections(): Promise<number>;
  stop(): Promise<void>;
}

export async function startDelayProxy(target: string, roundTripMs: number): Promise<DelayProxy> {
  const child = fork(join(__dirname, 'delayRelayProcess.js'), [target, String(roundTripMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the delay relay ended before it listened (exit ${code})`)));
  });
  return {
    address: `127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    connections: () =>
      new Promise<number>((resolve) => {
        child.once('message', (m: { connections: number }) => resolve(m.connections));
        child.send({ ask: 'connections' });
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
