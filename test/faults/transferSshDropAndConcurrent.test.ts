import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Engine } from '../../src/engine/Engine';
import { EngineError } from '../../src/engine/EngineError';
import { parseHost } from '../../src/engine/resolveEndpoint';
import { transferImage } from '../../src/engine/transfer/transferImage';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../support/secondEngine';
import { startSshServer, type SshServer } from '../support/sshServer';
import { buildBusyboxImage, cleanup, testEngine, uniqueName } from '../support/testEngine';
import { startThrottleRelay, type ThrottleRelay } from '../support/throttleRelay';

// Issue 13's hostile cases for Copy to Engine: an SSH link that drops in the middle of
// a transfer (a relay of the test's own between ssh and a real sshd, cut once some
// megabytes have crossed it), and two transfers at once to one target engine.

const main = testEngine();
const base = `stowage-test/${uniqueName('xfer-base')}:v1`;
const big = `stowage-test/${uniqueName('xfer-big')}:v1`;
const appA = `stowage-test/${uniqueName('xfer-a')}:v1`;
const appB = `stowage-test/${uniqueName('xfer-b')}:v1`;
let second: SecondEngine;
let sshd: SshServer;
let relay: ThrottleRelay;

before(async () => {
  second = await startSecondEngine('xferssh');
  sshd = await startSshServer({ env: { DOCKER_HOST: `unix://${second.socketPath}` } });
  // 200 Mbit/s: slow enough that the cut lands mid-way through 32 MiB.
  relay = await startThrottleRelay(sshd.port, 200_000_000);
  await buildScratchImage(main, base, 4 * 1024 * 1024);
  await buildBusyboxImage(main, big, { base, files: { 'big.bin': randomBytes(32 * 1024 * 1024) } });
  await buildBusyboxImage(main, appA, { base, files: { 'a.bin': randomBytes(3 * 1024 * 1024) } });
  await buildBusyboxImage(main, appB, { base, files: { 'b.bin': randomBytes(3 * 1024 * 1024) } });
});
after(async () => {
  await relay?.close();
  await sshd?.stop();
  await cleanup(main, { images: [appA, appB, big, base] });
  await second?.remove();
});

test('the SSH link dropping mid-transfer says the connection dropped, and the target is as it was', { timeout: 120_000 }, async () => {
  const config = sshd.clientConfig({ knownHosts: `[127.0.0.1]:${relay.port} ${sshd.hostKey}\n` });
  const target = new Engine(parseHost(`ssh://root@127.0.0.1:${relay.port}`, 'test'), () => {}, { ...process.env, STOWAGE_SSH_CONFIG: config });
  const local = second.engine();
  const before = (await local.api.listImages({ all: true })).map((i) => i.Id).sort();
  relay.reset();
  let cutAt = 0;
  const err = await transferImage(main, target, big, {
    onProgress: () => {
      if (!cutAt && relay.upBytes > 8 * 1024 * 1024) {
        cutAt = relay.upBytes;
        relay.cut();
      }
    },
  }).catch((e: unknown) => e);
  assert.ok(cutAt > 0, 'the link was never cut: the transfer ended first');
  assert.ok(err instanceof EngineError, `expected an EngineError, got ${String(err)}`);
  assert.match(err.message, new RegExp(`^Could not copy ${big.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} from unix:///var/run/docker\\.sock to ssh://root@127\\.0\\.0\\.1:${relay.port}: the connection to the target engine at ssh://root@127\\.0\\.0\\.1:${relay.port} dropped in the middle of the transfer \\((ECONNRESET|EPIPE|socket hang up)\\)\\. Nothing was added to the target\\.$`));
  assert.doesNotMatch(err.message, /undefined|\[object/);
  assert.deepEqual((await local.api.listImages({ all: true })).map((i) => i.Id).sort(), before);
  await assert.rejects(local.api.getImage(big).inspect(), /no such image/i);
  // The link is back (the relay accepts again): the same transfer goes through whole.
  const done = await transferImage(main, target, big);
  assert.equal((await local.api.getImage(big).inspect()).Id, done.id);
});

test('two transfers at once to one target, sharing a base the target lacks: both arrive whole, IDs equal', { timeout: 120_000 }, async () => {
  const target = second.engine();
  for (const r of [appA, appB, big, base]) await target.api.getImage(r).remove({ force: true }).catch(() => {});
  const [a, b] = await Promise.all([transferImage(main, target, appA), transferImage(main, target, appB)]);
  assert.equal((await target.api.getImage(appA).inspect()).Id, (await main.api.getImage(appA).inspect()).Id);
  assert.equal((await target.api.getImage(appB).inspect()).Id, (await main.api.getImage(appB).inspect()).Id);
  assert.deepEqual(a.tags, [appA]);
  assert.deepEqual(b.tags, [appB]);
});
