import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { createContext } from '../../../src/engine/contexts/createContext';
import { useContext } from '../../../src/engine/contexts/useContext';
import { listEngines } from '../../../src/engine/engines/listEngines';
import { startSecondEngine, type SecondEngine } from '../../support/secondEngine';
import { tempDockerConfig } from '../registry/registryTestKit';

let second: SecondEngine;
let silent: Server;
const held: Socket[] = [];

before(async () => {
  second = await startSecondEngine('engines');
  // An endpoint that accepts the connection and never answers: a hung engine.
  silent = createServer((s) => held.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  for (const s of held) s.destroy();
  silent?.close();
  await second?.remove();
});

test('every context, Podman and added endpoints side by side; the down and the hung ones never delay the others', async () => {
  const cfg = tempDockerConfig();
  delete cfg.env.DOCKER_HOST;
  delete cfg.env.DOCKER_CONTEXT;
  try {
    await createContext({ name: 'second', description: 'the test dockerd', host: `unix://${second.socketPath}` }, cfg.options);
    await createContext({ name: 'gone', host: `unix://${second.root}/no-such.sock` }, cfg.options);
    await useContext('second', cfg.options);
    const port = (silent.address() as { port: number }).port;
    const started = Date.now();
    const engines = await listEngines([`tcp://127.0.0.1:${port}`, 'bogus'], cfg.options);
    const ms = Date.now() - started;
    const byName = new Map(engines.map((e) => [e.name, e]));

    const main = byName.get('default')!;
    assert.equal(main.answers, true, main.error);
    assert.equal(main.storageDriver, 'overlay2');
    assert.match(main.version!, /^20\.10/);
    const sec = byName.get('second')!;
    assert.equal(sec.answers, true, sec.error);
    assert.equal(sec.cliCurrent, true);
    assert.equal(sec.description, 'the test dockerd');
    assert.equal(byName.get('gone')?.answers, false);
    assert.match(byName.get('gone')!.error!, /no socket there|ENOENT/);
    const podman = engines.find((e) => e.origin === 'podman' && e.url === 'unix:///run/stowage-podman/podman.sock');
    assert.ok(podman, JSON.stringify(engines.map((e) => e.url)));
    assert.equal(podman.answers, true, podman.error);
    assert.match(podman.version!, /^Podman /);
    const hung = byName.get(`tcp://127.0.0.1:${port}`)!;
    assert.equal(hung.answers, false);
    assert.match(hung.error!, /no answer within 4 s/);
    assert.match(byName.get('bogus')!.error!, /not an engine address/);
    // All asked at once: the whole list takes about one time limit, not one per slow engine.
    assert.ok(ms < 7_000, `${ms} ms`);
  } finally {
    cfg.remove();
  }
});
