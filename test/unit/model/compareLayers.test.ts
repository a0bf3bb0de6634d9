import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareLayers } from '../../../src/model/compareLayers';
import { describeLayerComparison } from '../../../src/model/describeLayerComparison';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const remote = [1, 2, 3, 4].map((n) => ({ digest: `sha256:blob${n}`, size: n * 1000, diffId: d(n) }));

test('compareLayers: present by diff ID, and on the same chain only while every layer below matches', () => {
  const c = compareLayers(remote, [
    { id: 'sha256:aaa', names: ['base:1'], diffIds: [d(1), d(2)] },
    // Layer 4's content is here, but on other layers below it: a pull still downloads it.
    { id: 'sha256:bbbbbbbbbbbbbbbb', names: [], diffIds: [d(9), d(4)] },
  ]);
  assert.deepEqual(c.layers.map((l) => [l.present, l.sameChain]), [[true, true], [true, true], [false, false], [true, false]]);
  assert.deepEqual(c.layers[3].heldBy, ['bbbbbbbbbbbb'], 'an untagged image by its short ID');
  assert.equal(c.presentCount, 3);
  assert.equal(c.presentBytes, 1000 + 2000 + 4000);
  assert.equal(c.missingBytes, 3000 + 4000);
  assert.equal(c.totalBytes, 10000);
});

test('compareLayers: nothing local, and a repeated layer counted once per image', () => {
  const none = compareLayers(remote, []);
  assert.equal(none.presentCount, 0);
  assert.equal(none.missingBytes, none.totalBytes);
  const twice = compareLayers([remote[0], { ...remote[0], digest: 'sha256:again' }], [{ id: 'x', names: ['a:1'], diffIds: [d(1), d(1)] }]);
  assert.deepEqual(twice.layers.map((l) => l.heldBy), [['a:1'], ['a:1']]);
  assert.equal(twice.missingBytes, 0);
});

test('describeLayerComparison: totals in words, one line per layer bottom first, what "other chain" means', () => {
  const c = compareLayers(remote, [{ id: 'sha256:aaa', names: ['base:1'], diffIds: [d(1), d(2), d(4)] }]);
  const text = describeLayerComparison({ reference: 'r.example/app:1.4', digest: 'sha256:top', platform: 'linux/amd64', readAt: '2026-12-01T04:00:00.000Z' }, c);
  const lines = text.split('\n');
  assert.equal(lines[0], 'r.example/app:1.4 (linux/amd64) against the local engine, read at 2026-12-01T04:00:00.000Z');
  assert.equal(lines[2], 'no local image is named r.example/app:1.4');
  assert.equal(lines[4], '3 of 4 layers already present locally by diff ID (7.00 kB of 10.0 kB compressed); a pull would download 7.00 kB (2 layers not on a local chain).');
  assert.match(lines[6], /^ {2}1 {2}present {13}\s+1.00 kB {2}sha256:1{64} {2}in base:1$/);
  assert.match(lines[8], /^ {2}3 {2}missing /);
  assert.match(lines[9], /^ {2}4 {2}present, other chain /);
  assert.match(text, /"present, other chain": the engine has this content/);
});

test('describeLayerComparison: an image index says its digest, the platforms it offers, and which one was compared', () => {
  const c = compareLayers(remote, []);
  const text = describeLayerComparison({ reference: 'r.example/app:multi', digest: 'sha256:amd', platform: 'linux/amd64', index: { digest: 'sha256:index', offered: ['linux/arm64/v8', 'linux/amd64'], chosen: 'linux/amd64' }, readAt: '2026-12-01T04:00:00.000Z' }, c);
  const lines = text.split('\n');
  assert.equal(lines[0], 'r.example/app:multi (linux/amd64) against the local engine, read at 2026-12-01T04:00:00.000Z');
  assert.equal(lines[1], 'registry digest: sha256:index, an image index for linux/arm64/v8, linux/amd64');
  assert.equal(lines[2], 'compared: linux/amd64, this engine\'s platform, as a pull here would take it (manifest sha256:amd)');
  assert.equal(lines[3], 'no local image is named r.example/app:multi');
});
