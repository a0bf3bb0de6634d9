import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Engine } from '../../src/engine/Engine';
import { parseHost } from '../../src/engine/resolveEndpoint';
import { startSecondEngine, type SecondEngine } from '../support/secondEngine';
import { startSshServer, type SshServer } from '../support/sshServer';
import { startThrottleRelay, type ThrottleRelay } from '../support/throttleRelay';

// An ssh:// engine keeps idle connections (ssh processes) for the next request. When
// the link drops while some sit idle, their ssh quits; the next request must open a
// new one, not write into a dead one and wait for an answer that never comes.

let second: SecondEngine;
let sshd: SshServer;
let relay: ThrottleRelay;

before(async () => {
  second = await startSecondEngine('sshidle');
  sshd = await startSshServer({ env: { DOCKER_HOST: `unix://${second.socketPath}` } });
  relay = await startThrottleRelay(sshd.port, 1_000_000_000);
});
after(async () => {
  await relay?.close();
  await sshd?.stop();
  await second?.remove();
});

/** This process's ssh children, running or ended but not yet reaped (and so not yet seen to end). */
function sshChildren(): number {
  const ps = spawnSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.trim() === 'ssh').length;
}

test('idle ssh connections cut by the link are not reused: the next request answers', { timeout: 60_000 }, async () => {
  const config = sshd.clientConfig({ knownHosts: `[127.0.0.1]:${relay.port} ${sshd.hostKey}\n` });
  const engine = new Engine(parseHost(`ssh://root@127.0.0.1:${relay.port}`, 'test'), () => {}, { ...process.env, STOWAGE_SSH_CONFIG: config });
  // Three at once: three connections, all idle in the pool afterwards.
  await Promise.all([engine.api.version(), engine.api.version(), engine.api.version()]);
  assert.ok(sshChildren() >= 2, 'expected several idle ssh connections');
  relay.cut();
  const until = Date.now() + 20_000;
  while (sshChildren() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  assert.equal(sshChildren(), 0, 'the cut ssh processes did not end');
  const started = Date.now();
  const info = await engine.call('info after the cut', (docker) => docker.info() as Promise<{ DockerRootDir: string }>);
  assert.equal(info.DockerRootDir, `${second.root}/data`);
  assert.ok(Date.now() - started < 20_000);
});
