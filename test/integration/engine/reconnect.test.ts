import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../src/engine/Engine';
import { listImages } from '../../../src/engine/listImages';
import { watchEvents, type ConnectionState } from '../../../src/engine/watchEvents';
import { testEngine } from '../../support/testEngine';

/**
 * The real engine behind a socket we can take away and give back: a byte-for-byte
 * relay to the engine's own socket. Closing it is, for Stowage, the engine going away.
 */
function relay(path: string, target: string): { server: Server; stop(): Promise<void> } {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(target);
    open.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => { client.destroy(); upstream.destroy(); open.delete(client); open.delete(upstream); };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  server.listen(path);
  return {
    server,
    stop: () => new Promise<void>((resolve) => { for (const s of open) s.destroy(); server.close(() => resolve()); }),
  };
}

test('when the engine goes away the watch reports it down, and up again by itself when it returns', async () => {
  const real = testEngine().endpoint.socketPath!;
  const dir = mkdtempSync(join(tmpdir(), 'stowage-relay-'));
  const sock = join(dir, 'engine.sock');
  const engine = new Engine({ url: `unix://${sock}`, kind: 'unix', socketPath: sock, source: 'test relay' });
  const states: ConnectionState[] = [];
  let proxy = relay(sock, real);
  const watch = watchEvents(engine, () => {}, (s) => states.push(s));
  try {
    await waitFor(() => states.length === 1 && states[0].up, 'the stream to open through the relay');
    assert.ok((await listImages(engine)).length > 0, 'the engine answers through the relay');

    await proxy.stop();
    await waitFor(() => states.some((s) => !s.up), 'the watch to notice the engine is gone');
    const down = states.find((s) => !s.up) as { up: false; error: Error };
    assert.match(down.error.message, new RegExp(`(closed the event stream|not reachable at unix://${sock.replace(/[/.]/g, '\\$&')})`));
    await assert.rejects(listImages(engine), /Docker engine not reachable at unix:\/\/.*engine\.sock/);

    proxy = relay(sock, real);
    await waitFor(() => states.length >= 3 && states[states.length - 1].up, 'the watch to reconnect when the engine is back', 20000);
    assert.ok((await listImages(engine)).length > 0, 'and requests work again');
  } finally {
    watch.dispose();
    await proxy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function waitFor(cond: () => boolean, what: string, ms = 15000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
