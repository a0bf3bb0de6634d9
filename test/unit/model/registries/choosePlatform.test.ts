import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choosePlatform, platformText } from '../../../../src/model/registries/choosePlatform';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const index = [
  { digest: d('1'), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  { digest: d('2'), platform: { os: 'linux', architecture: 'arm', variant: 'v6' } },
  { digest: d('3'), platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
  { digest: d('4'), platform: { os: 'linux', architecture: 'amd64', variant: 'v3' } },
  { digest: d('5'), platform: { os: 'linux', architecture: 'amd64' } },
  { digest: d('6'), platform: { os: 'windows', architecture: 'amd64' } },
  // BuildKit's attestations: entries of the index, but no platform to run.
  { digest: d('7'), platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
];
const offered = ['linux/arm64/v8', 'linux/arm/v6', 'linux/arm/v7', 'linux/amd64/v3', 'linux/amd64', 'windows/amd64'];

test('choosePlatform: the engine\'s OS and architecture, not the first entry; attestations are not offered', () => {
  assert.deepEqual(choosePlatform(index, { os: 'linux', architecture: 'amd64' }), { ok: true, digest: d('5'), platform: { os: 'linux', architecture: 'amd64' }, offered });
  assert.deepEqual(choosePlatform(index, { os: 'windows', architecture: 'amd64' }), { ok: true, digest: d('6'), platform: { os: 'windows', architecture: 'amd64' }, offered });
});

test('choosePlatform: variants: arm64 without a variant is v8, amd64 without one is v1; arm picks the engine\'s own', () => {
  const arm64 = choosePlatform(index, { os: 'linux', architecture: 'arm64' });
  assert.ok(arm64.ok && arm64.digest === d('1'));
  const v7 = choosePlatform(index, { os: 'linux', architecture: 'arm', variant: 'v7' });
  assert.ok(v7.ok && v7.digest === d('3') && platformText(v7.platform) === 'linux/arm/v7');
  // Only amd64/v3 offered: an engine that does not say its variant takes it, as the only amd64 there is.
  const onlyV3 = choosePlatform([index[3]], { os: 'linux', architecture: 'amd64' });
  assert.ok(onlyV3.ok && onlyV3.digest === d('4'));
  // An engine that says arm/v5 is not given v6 or v7.
  assert.deepEqual(choosePlatform(index, { os: 'linux', architecture: 'arm', variant: 'v5' }), { ok: false, offered });
});

test('choosePlatform: no entry for the engine\'s platform says what the index offers; entries without a digest or platform are skipped', () => {
  assert.deepEqual(choosePlatform(index.slice(0, 3), { os: 'linux', architecture: 'amd64' }), { ok: false, offered: offered.slice(0, 3) });
  assert.deepEqual(choosePlatform([{ platform: { os: 'linux', architecture: 'amd64' } }, { digest: d('9') }], { os: 'linux', architecture: 'amd64' }), { ok: false, offered: [] });
});

test('choosePlatform: hostile entries (null, numbers, a platform that is not an object, an architecture that is a number) are skipped, not thrown on', () => {
  const hostile: unknown[] = [null, 7, 'x', { digest: 5, platform: { os: 'linux', architecture: 'amd64' } }, { digest: d('a'), platform: null }, { digest: d('b'), platform: { os: 'linux', architecture: 64 } }, { digest: d('c'), platform: { os: 'linux', architecture: 'amd64', variant: ['v2'] } }, index[4]];
  assert.deepEqual(choosePlatform(hostile, { os: 'linux', architecture: 'amd64' }), { ok: true, digest: d('5'), platform: { os: 'linux', architecture: 'amd64' }, offered: ['linux/amd64'] });
  assert.deepEqual(choosePlatform([null, undefined, []], { os: 'linux', architecture: 'amd64' }), { ok: false, offered: [] });
});
