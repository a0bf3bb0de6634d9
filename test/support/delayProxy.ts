import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of a local registry that holds every chunk of the
 * registry's answers for `delayMs` before passing it on: the registry as it is
 * when it sits across a network (one round trip per request) rather than on
 * loopback. Order is kept; nothing is read or changed.
 */
export interface DelayProxy {
  /** host:port to connect to instead of the registry. */
  readonly address: string;
  stop(): Promise<void>;
}

export async function startDelayProxy(target: string, delayMs: number): Promise<DelayProxy> {
  const [host, port] = target.split(':');
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host, port: Number(port) });
    sockets.add(client).add(upstream);
    let last = Promise.resolve();
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      // Chained so a later chunk never overtakes an earlier one.
      last = last.then(() => new Promise((r) => setTimeout(r, delayMs))).then(() => void client.write(chunk));
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', () => void last.then(close)).on('error', close);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
