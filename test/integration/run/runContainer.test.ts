import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { EngineError } from '../../../src/engine/EngineError';
import { InputError } from '../../../src/engine/images/InputError';
import { runContainer } from '../../../src/engine/run/runContainer';
import { parseRunChoices } from '../../../src/model/run/parseRunChoices';
import type { RunChoices } from '../../../src/model/run/RunSpec';
import { BASE_IMAGE, TEST_LABEL, cleanup, ensureBaseImage, testEngine, uniqueName } from '../../support/testEngine';

describe('runContainer against a real engine', () => {
  const engine = testEngine();
  const run = uniqueName('stowage-run');
  const made: string[] = [];
  const base: RunChoices = { name: '', command: '', env: '', ports: '', volumes: '', network: '', restart: 'no', autoRemove: false, interactive: false };
  const spec = (choices: Partial<RunChoices>) => parseRunChoices(BASE_IMAGE, { ...base, ...choices }, { [TEST_LABEL]: '1', 'stowage.test.run': run });
  const ours = () => engine.api.listContainers({ all: true, filters: { label: [`stowage.test.run=${run}`] } });

  before(() => ensureBaseImage(engine));
  after(async () => cleanup(engine, { containers: [...made, ...(await ours()).map((c) => c.Id)] }));

  test('detached with name, command, env, port, volume and restart policy: running, as asked', async () => {
    const name = uniqueName('run-ok');
    made.push(name);
    const result = await runContainer(engine, spec({ name, command: `sh -c 'echo "$GREETING"; sleep 3600'`, env: 'GREETING="hello there"', ports: '127.0.0.1::80', volumes: '/scratch', restart: 'unless-stopped' }));
    assert.equal(result.name, name);
    const info = await engine.api.getContainer(result.id).inspect();
    assert.equal(info.State.Running, true);
    assert.deepEqual(info.Config.Cmd, ['sh', '-c', 'echo "$GREETING"; sleep 3600']);
    assert.ok(info.Config.Env.includes('GREETING=hello there'));
    assert.equal(info.HostConfig.RestartPolicy?.Name, 'unless-stopped');
    assert.ok(info.NetworkSettings.Ports['80/tcp']?.[0]?.HostPort, 'a host port was assigned');
    assert.ok(info.Mounts.some((m) => m.Destination === '/scratch'));
  });

  test('a name already in use is refused before anything is created', async () => {
    const name = uniqueName('run-clash');
    made.push(name);
    await runContainer(engine, spec({ name, command: 'sleep 3600' }));
    const before = (await ours()).length;
    await assert.rejects(runContainer(engine, spec({ name, command: 'sleep 3600' })), (err: unknown) => err instanceof InputError && /already exists/.test(err.message));
    assert.equal((await ours()).length, before);
  });

  test('a network that does not exist is refused before anything is created', async () => {
    const before = (await ours()).length;
    await assert.rejects(runContainer(engine, spec({ network: uniqueName('no-such-net') })), (err: unknown) => err instanceof InputError && /no network named/.test(err.message));
    assert.equal((await ours()).length, before);
  });

  test('a host port already taken: plain words, and the created container is removed again', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const name = uniqueName('run-port');
      made.push(name);
      await assert.rejects(runContainer(engine, spec({ name, command: 'sleep 3600', ports: `127.0.0.1:${port}:80` })), (err: unknown) => {
        assert.ok(err instanceof EngineError, String(err));
        assert.match(err.message, new RegExp(`host port ${port} is already taken`));
        return true;
      });
      assert.deepEqual((await ours()).filter((c) => c.Names.includes(`/${name}`)), [], 'no half-created container left');
    } finally {
      server.close();
    }
  });

  test('a command that is not in the image: plain words, nothing left behind', async () => {
    const name = uniqueName('run-badcmd');
    made.push(name);
    await assert.rejects(runContainer(engine, spec({ name, command: '/no/such/program --flag' })), (err: unknown) => {
      assert.ok(err instanceof EngineError, String(err));
      assert.match(err.message, /\/no\/such\/program does not exist in the image/);
      return true;
    });
    assert.deepEqual((await ours()).filter((c) => c.Names.includes(`/${name}`)), []);
  });

  test('interactive: attached before start, so the first output arrives, and stdin reaches the command', async () => {
    const name = uniqueName('run-it');
    made.push(name);
    const result = await runContainer(engine, spec({ name, command: 'sh -c "echo ready; read line; echo got:$line"', interactive: true }));
    assert.ok(result.stream);
    let seen = '';
    const done = new Promise<void>((resolve) => {
      result.stream!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('ready') && !seen.includes('sent')) {
          seen += 'sent';
          result.stream!.write('abc\r');
        }
        if (/got:abc/.test(seen)) resolve();
      });
    });
    await done;
    result.stream!.destroy();
  });
});

describe('where a run container is reached', () => {
  const engine = testEngine();
  const name = uniqueName('run-url');
  after(() => cleanup(engine, { containers: [name] }));

  test('listContainers gives its IP; containerUrl points at IP:exposed port, and that serves', async () => {
    const { listContainers } = await import('../../../src/engine/listContainers');
    const { containerUrl } = await import('../../../src/model/containerUrl');
    await ensureBaseImage(engine);
    const spec = parseRunChoices(BASE_IMAGE, { name, command: 'sh -c "mkdir -p /w && echo served-by-stowage > /w/index.html && exec httpd -f -p 80 -h /w"', env: '', ports: '', volumes: '/w2', network: '', restart: 'no', autoRemove: false, interactive: false }, { [TEST_LABEL]: '1' });
    // httpd exposes nothing by itself: expose 80 the way an image's EXPOSE would.
    const result = await runContainer(engine, { ...spec, exposedPorts: { '80/tcp': {} } });
    const summary = (await listContainers(engine)).find((c) => c.id === result.id)!;
    assert.ok(summary.networks?.[0]?.ip.match(/^\d+\.\d+\.\d+\.\d+$/), JSON.stringify(summary.networks));
    const url = containerUrl(summary)!;
    assert.equal(url, `http://${summary.networks![0].ip}:80/`);
    let body = '';
    for (let i = 0; i < 100 && !body.includes('served-by-stowage'); i++) {
      body = await fetch(url).then((r) => r.text(), () => '');
      if (!body) await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(body, /served-by-stowage/);
  });
});
