import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEngine } from '../../../src/engine/describeEngine';
import { Engine } from '../../../src/engine/Engine';
import { EngineError } from '../../../src/engine/EngineError';
import { parseHost } from '../../../src/engine/resolveEndpoint';
import { transferImage } from '../../../src/engine/transfer/transferImage';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../../support/secondEngine';
import { startSshServer, type SshServer } from '../../support/sshServer';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';

/** An Engine at ssh://root@127.0.0.1:PORT whose ssh reads `config` (as `ssh -F`). */
function sshEngine(port: number, config: string): Engine {
  return new Engine(parseHost(`ssh://root@127.0.0.1:${port}`, 'test'), () => {}, { ...process.env, STOWAGE_SSH_CONFIG: config });
}

async function failure(engine: Engine): Promise<EngineError> {
  const err = await describeEngine(engine).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof EngineError, `expected an EngineError, got ${String(err)}`);
  return err;
}

describe('engines over a real SSH server', () => {
  let second: SecondEngine;
  let sshd: SshServer;
  let noDocker: SshServer;
  const main = testEngine();
  const tag = `stowage-test/${uniqueName('ssh')}:v1`;

  before(async () => {
    second = await startSecondEngine('ssh');
    // The remote user's docker talks to the second engine: ssh:// really lands on another engine.
    sshd = await startSshServer({ env: { DOCKER_HOST: `unix://${second.socketPath}` } });
    noDocker = await startSshServer({ env: { PATH: '/nonexistent' } });
  });
  after(async () => {
    await cleanup(main, { images: [tag] });
    await sshd?.stop();
    await noDocker?.stop();
    await second?.remove();
  });

  test('ssh:// crosses SSH with docker system dial-stdio and reaches the second engine; a transfer over it sends only missing layers', async () => {
    const engine = sshEngine(sshd.port, sshd.clientConfig());
    const d = await describeEngine(engine);
    assert.equal(d.rootDir, `${second.root}/data`);
    assert.match(d.version, /^20\.10/);
    const id = await buildScratchImage(main, tag, 512 * 1024);
    const first = await transferImage(main, engine, tag);
    assert.equal(first.mode, 'missing-layers');
    assert.equal((await second.engine().api.getImage(tag).inspect()).Id, id);
    await second.engine().api.getImage(tag).remove();
    // The busybox layer stays on the second engine only if another image holds it; either way the ID arrives.
    const again = await transferImage(main, engine, tag);
    assert.equal(again.id, id);
  });

  test('an unknown host key is refused, never accepted, and the message says so', async () => {
    const err = await failure(sshEngine(sshd.port, sshd.clientConfig({ knownHosts: '' })));
    assert.match(err.message, /^Docker engine over SSH at ssh:\/\/root@127\.0\.0\.1:\d+: the host key is not known \(not in known_hosts\)/);
  });

  test('a changed host key is refused with a warning', async () => {
    const other = `[127.0.0.1]:${sshd.port} ${noDocker.hostKey}\n`;
    const err = await failure(sshEngine(sshd.port, sshd.clientConfig({ knownHosts: other })));
    assert.match(err.message, /the host key has CHANGED since it was recorded in known_hosts/);
  });

  test('a key the host does not accept: authentication refused', async () => {
    const err = await failure(sshEngine(sshd.port, sshd.clientConfig({ identity: sshd.strangerKey() })));
    assert.match(err.message, /authentication was refused/);
    assert.equal(err.kind, 'unauthorized');
  });

  test('nothing listening: host unreachable', async () => {
    const port = noDocker.port;
    const config = sshd.clientConfig();
    await noDocker.stop();
    noDocker = await startSshServer({ env: { PATH: '/nonexistent' } });
    const err = await failure(sshEngine(port, config));
    assert.match(err.message, /the host is unreachable/);
    assert.equal(err.kind, 'unreachable');
  });

  test('no docker on the remote end', async () => {
    const err = await failure(sshEngine(noDocker.port, noDocker.clientConfig()));
    assert.match(err.message, /there is no docker command on the remote host/);
  });
});
