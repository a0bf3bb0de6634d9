import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A registry endpoint that holds `docker login` at the moment the CLI has already
 * read config.json and is waiting for the registry: the engine's login check
 * (`GET /v2/`) reaches it, and it answers (200, no auth needed) only on release().
 * That makes the CLI a writer whose stale copy of config.json lands exactly when a
 * test chooses, with the real CLI and the real engine.
 */
export interface GatedRegistry {
  /** host:port, a key of its own in config.json. */
  readonly address: string;
  /** Resolves when the engine asks on the CLI's behalf (the CLI has loaded its config by then). */
  readonly asked: Promise<void>;
  readonly release: () => void;
  readonly close: () => Promise<void>;
}

export function gatedRegistry(): Promise<GatedRegistry> {
  let releaseGate!: () => void;
  const gate = new Promise<void>((resolve) => (releaseGate = resolve));
  let markAsked!: () => void;
  const asked = new Promise<void>((resolve) => (markAsked = resolve));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    if (!req.url?.startsWith('/v2')) {
      res.writeHead(404).end();
      return;
    }
    markAsked();
    void gate.then(() => res.writeHead(200, { 'Content-Type': 'application/json', 'Docker-Distribution-API-Version': 'registry/2.0' }).end('{}'));
  });
  // The engine tries HTTPS first: a TLS hello is not HTTP, and dropping it makes the engine fall back to plain HTTP.
  server.on('clientError', (_err, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        address: `127.0.0.1:${port}`,
        asked,
        release: releaseGate,
        close: () => {
          releaseGate();
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}
