import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The real engine behind an HTTP relay on 127.0.0.1 that, while slowed down, holds its
 * answers to the requests whose path matches `slow` for `holdMs`: an engine slow to
 * list (a remote one, a loaded one) while everything else answers at its own pace.
 * Nothing is changed, only delayed; the event stream flows through as it comes.
 */
export interface SlowListingProxy {
  /** DOCKER_HOST for a client that should go through the relay. */
  readonly host: string;
  /** Holds the answers whose path matches `only`, or the relay's own pattern, while on. */
  slowDown(on: boolean, only?: RegExp): void;
  /** How many answers are being held now. */
  held(): number;
  stop(): Promise<void>;
}

export async function startSlowListingProxy(socketPath: string, slow: RegExp, holdMs: number): Promise<SlowListingProxy> {
  let on = false;
  let pattern = slow;
  let held = 0;
  const server = createServer((req, res) => {
    const hold = on && pattern.test(req.url ?? '');
    const upstream = request({ socketPath, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const pass = () => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      };
      if (!hold) return pass();
      held++;
      setTimeout(() => {
        held--;
        pass();
      }, holdMs);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    slowDown: (value, only) => {
      on = value;
      pattern = only ?? slow;
    },
    held: () => held,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
