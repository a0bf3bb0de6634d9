import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/engine/Engine';
import { EngineError } from '../../src/engine/EngineError';
import { listImages } from '../../src/engine/listImages';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { startEngineProxy, type EngineProxy } from './support/engineProxy';

// Issue 9: an engine that is frozen (SIGSTOP, a hung storage driver) accepts the
// connection and never answers; the views spun for ever. The real engine answers
// through a proxy that passes the request and holds back every byte of the answer,
// which is what the client of a frozen engine sees on the wire.

let proxy: EngineProxy;

before(async () => {
  proxy = await startEngineProxy({ match: /^GET \/[^ ]*images\/json/, afterBytes: 0, fault: 'stall' });
});
after(async () => {
  await proxy?.close();
});

test('a read the engine never answers fails after the limit, saying the engine did not answer, and the engine stays usable', { timeout: 20_000 }, async () => {
  const frozen = new Engine(resolveEndpoint({ env: { DOCKER_HOST: `unix://${proxy.socketPath}` } }), () => {}, process.env, { answerTimeoutMs: 1_500 });
  const started = Date.now();
  const err = await listImages(frozen).then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = Date.now() - started;
  assert.ok(err instanceof EngineError, `expected an EngineError, got ${String(err)}`);
  assert.equal(err.kind, 'unreachable');
  assert.match(err.message, /accepted the connection but did not answer \(no answer to GET \/images\/json in \d+ s\): it may be frozen or overloaded/);
  assert.match(err.message, new RegExp(proxy.socketPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.ok(ms >= 1_400 && ms < 10_000, `failed after ${ms} ms`);
  await proxy.faulted;
  // Other requests on the same engine are not held back by the proxy: the limit leaves the client usable.
  const version = await frozen.call('read the version', (d) => d.version());
  assert.ok(version.ApiVersion);
});

test('a stream is never cut by the read limit: the event stream stays open past it', { timeout: 20_000 }, async () => {
  const engine = new Engine(resolveEndpoint({ env: { DOCKER_HOST: `unix://${proxy.socketPath}` } }), () => {}, process.env, { answerTimeoutMs: 500 });
  const stream = (await engine.call('watch events', (d) => d.getEvents())) as NodeJS.ReadableStream & { destroy(): void };
  let failed: unknown;
  stream.on('error', (e) => (failed = e));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal(failed, undefined);
  assert.equal((stream as unknown as { destroyed: boolean }).destroyed, false);
  stream.destroy();
});
