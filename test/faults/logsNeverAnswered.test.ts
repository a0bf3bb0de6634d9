import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/engine/Engine';
import { EngineError } from '../../src/engine/EngineError';
import { followLogs } from '../../src/engine/logs/followLogs';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { BASE_IMAGE, TEST_LABEL, cleanup, ensureBaseImage, testEngine, uniqueName } from '../support/testEngine';
import { startEngineProxy, type EngineProxy } from './support/engineProxy';

// The logs request (HTTP/1.0 on a connection of its own) had no time limit: an engine
// that accepted the connection and never answered left Show Logs waiting for ever.
// The real engine answers through a proxy that passes the request and holds back every
// byte of the answer to the logs request only (the container's inspect goes through).

const engine = testEngine();
const made: string[] = [];
const proxies: EngineProxy[] = [];
// A frozen engine answers nothing: neither the logs request nor the ping Stowage then sends to tell a frozen engine from a quiet log.
const logsRequest = /^(GET|HEAD) \/[^ ]*(containers\/[^/ ]+\/logs\?|_ping)/;

before(() => ensureBaseImage(engine));
after(async () => {
  for (const p of proxies) await p.close();
  await cleanup(engine, { containers: made });
});

// On a local socket the logs request is HTTP/1.0 of Stowage's own; over TCP, TLS or SSH it goes through dockerode.
for (const tcp of [false, true]) {
  test(`a logs request the engine never answers fails after the answer limit, saying the engine did not answer (${tcp ? 'TCP, through dockerode' : 'local socket, HTTP/1.0'})`, { timeout: 30_000 }, async () => {
    const proxy = await startEngineProxy({ match: logsRequest, afterBytes: 0, fault: 'stall', tcp });
    proxies.push(proxy);
    await frozenLogs(proxy);
  });
}

// The control: through the same proxies, left to pass the logs answer, the log arrives whole, stdout and stderr apart, and ends.
for (const tcp of [false, true]) {
  test(`through the same proxy, a logs answer that does come is read whole (${tcp ? 'TCP, through dockerode' : 'local socket, HTTP/1.0'})`, { timeout: 30_000 }, async () => {
    const proxy = await startEngineProxy({ match: /^GET \/never-requested /, afterBytes: 0, fault: 'stall', tcp });
    proxies.push(proxy);
    const name = uniqueName('logs-through-proxy');
    made.push(name);
    const c = await engine.api.createContainer({ Image: BASE_IMAGE, name, Cmd: ['/bin/sh', '-c', 'seq 1 5000; echo oops >&2; echo last'], Labels: { [TEST_LABEL]: '1' } });
    await c.start();
    await c.wait();
    const through = new Engine(resolveEndpoint({ env: { DOCKER_HOST: proxy.dockerHost } }), () => {}, process.env, { answerTimeoutMs: 1_500 });
    const follow = await followLogs(through, c.id, { timestamps: false });
    const seen = { stdout: '', stderr: '' };
    follow.on('readable', () => {
      for (let runs = follow.read(); runs; runs = follow.read()) for (const r of runs) seen[r.stream] += r.data.toString();
    });
    await new Promise<void>((resolve) => follow.on('end', resolve));
    assert.deepEqual(seen, { stdout: Array.from({ length: 5000 }, (_, n) => `${n + 1}\n`).join('') + 'last\n', stderr: 'oops\n' });
  });
}

async function frozenLogs(proxy: EngineProxy): Promise<void> {
  const name = uniqueName('logs-frozen');
  made.push(name);
  const c = await engine.api.createContainer({ Image: BASE_IMAGE, name, Cmd: ['/bin/sh', '-c', 'echo hello; sleep 3600'], Labels: { [TEST_LABEL]: '1' } });
  await c.start();
  const frozen = new Engine(resolveEndpoint({ env: { DOCKER_HOST: proxy.dockerHost } }), () => {}, process.env, { answerTimeoutMs: 1_500 });
  const started = Date.now();
  const err = await followLogs(frozen, c.id, { timestamps: false }).then(
    (follow) => (follow.close(), undefined),
    (e: unknown) => e,
  );
  const ms = Date.now() - started;
  assert.ok(err instanceof EngineError, `expected an EngineError, got ${String(err)}`);
  assert.equal(err.kind, 'unreachable');
  assert.match(err.message, new RegExp(`accepted the connection but did not answer \\(no answer to GET /containers/${c.id}/logs in \\d+ s, nor to a ping\\): it may be frozen or overloaded`));
  // One answer limit for the logs request, then one for the ping.
  assert.ok(ms >= 2_900 && ms < 12_000, `failed after ${ms} ms`);
  await proxy.faulted;
}
