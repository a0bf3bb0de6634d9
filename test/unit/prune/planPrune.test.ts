import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPrune, type PruneChoice } from '../../../src/model/prune/planPrune';
import { reclaimedLayerBytes } from '../../../src/model/prune/reclaimedLayerBytes';
import { freedLayerBytes } from '../../../src/model/prune/freedLayerBytes';
import { parseLabelFilter } from '../../../src/model/prune/parseLabelFilter';
import { describePrunePlan, MAX_LISTED } from '../../../src/model/prune/describePrunePlan';
import { describePruneOutcome } from '../../../src/model/prune/describePruneOutcome';
import type { PruneContainer, PruneImage } from '../../../src/model/prune/PruneInventory';

const img = (id: string, o: Partial<PruneImage> = {}): PruneImage => ({ id, repoTags: [], repoDigests: [], size: 100, sharedSize: 0, labels: {}, layers: null, ...o });
const ctr = (id: string, imageId: string, state: string, o: Partial<PruneContainer> = {}): PruneContainer => ({ id, name: id, imageId, state, sizeRw: 5, labels: {}, ...o });
const choice = (o: Partial<PruneChoice> = {}): PruneChoice => ({ stoppedContainers: false, danglingImages: true, unusedImages: false, label: null, ...o });
const layers = (...spec: Array<[string, number]>) => spec.map(([diffId, size]) => ({ diffId, size }));

test('dangling means no tag and no digest; a stopped container keeps the image it was made from', () => {
  const images = [img('d1'), img('d2'), img('digestOnly', { repoDigests: ['app@sha256:1'] }), img('tagged', { repoTags: ['app:1'] })];
  const containers = [ctr('c-stopped', 'd2', 'exited'), ctr('c-run', 'tagged', 'running')];
  const plan = planPrune({ images, containers }, choice());
  assert.deepEqual(plan.images.map((i) => i.id), ['d1']);
  assert.deepEqual(plan.keptInUse.map((k) => [k.image.id, k.usedBy.map((c) => c.id)]), [['d2', ['c-stopped']]]);
  assert.deepEqual(plan.containers, []);
});

test('stopped containers go first, so the images only they used go too; running, paused and restarting ones stay', () => {
  const images = [img('d2'), img('tagged', { repoTags: ['app:1'] }), img('used', { repoTags: ['web:1'] }), img('p', { repoTags: ['p:1'] })];
  const containers = [
    ctr('exited', 'd2', 'exited'), ctr('created', 'tagged', 'created'), ctr('dead', 'x', 'dead'),
    ctr('run', 'used', 'running'), ctr('paused', 'p', 'paused'), ctr('restarting', 'x', 'restarting'),
  ];
  const plan = planPrune({ images, containers }, choice({ stoppedContainers: true, unusedImages: true }));
  assert.deepEqual(plan.containers.map((c) => c.id), ['exited', 'created', 'dead']);
  assert.deepEqual(plan.images.map((i) => [i.id, i.reason]), [['d2', 'dangling'], ['tagged', 'unused']]);
  assert.deepEqual(plan.keptInUse.map((k) => k.image.id), ['used', 'p']);
  assert.deepEqual(plan.keptImages.map((i) => i.id), ['used', 'p']);
});

test('unused (tagged) images are taken only when asked', () => {
  const images = [img('t', { repoTags: ['a:1'] }), img('d')];
  assert.deepEqual(planPrune({ images, containers: [] }, choice()).images.map((i) => i.id), ['d']);
  assert.deepEqual(planPrune({ images, containers: [] }, choice({ danglingImages: false, unusedImages: true })).images.map((i) => i.id), ['t']);
});

test('a label filter scopes containers and images, by key or key=value', () => {
  const images = [img('mine', { labels: { run: 'a' } }), img('other', { labels: { run: 'b' } }), img('none')];
  const containers = [ctr('cm', 'x', 'exited', { labels: { run: 'a' } }), ctr('co', 'x', 'exited')];
  const plan = planPrune({ images, containers }, choice({ stoppedContainers: true, label: parseLabelFilter('run=a') }));
  assert.deepEqual([plan.containers.map((c) => c.id), plan.images.map((i) => i.id)], [['cm'], ['mine']]);
  const byKey = planPrune({ images, containers }, choice({ label: parseLabelFilter('run') }));
  assert.deepEqual(byKey.images.map((i) => i.id), ['mine', 'other']);
});

test('label filters are checked before any engine call', () => {
  assert.equal(parseLabelFilter('  '), null);
  assert.deepEqual(parseLabelFilter('a.b=c=d'), { key: 'a.b', value: 'c=d' });
  assert.deepEqual(parseLabelFilter('k='), { key: 'k', value: '' });
  assert.throws(() => parseLabelFilter('=v'), /no key before "="/);
  assert.throws(() => parseLabelFilter('my key=v'), /space at position 3/);
});

test('freed bytes count a layer shared only among removed images once, and a layer a kept image holds not at all', () => {
  const base = layers(['base', 1000]);
  const a = img('a', { layers: [...base, ...layers(['a', 10])], size: 1010, sharedSize: 1000 });
  const b = img('b', { layers: [...base, ...layers(['b', 20])], size: 1020, sharedSize: 1000 });
  // Both go, base with them: summing size - sharedSize would say 30, summing sizes 2030.
  assert.equal(freedLayerBytes([a, b], []), 1030);
  const keeper = img('k', { layers: [...base, ...layers(['k', 1])], repoTags: ['k:1'] });
  assert.equal(freedLayerBytes([a, b], [keeper]), 30);
  // The same diff on another base is another layer (the engine stores layers by chain).
  const c = img('c', { layers: layers(['other', 7], ['a', 10]), size: 17, sharedSize: 0 });
  assert.equal(freedLayerBytes([a, c], [keeper]), 10 + 17);
  // Unknown layers: only the unshared bytes, never more than is freed.
  assert.equal(freedLayerBytes([img('u', { size: 500, sharedSize: 200 }), img('u', { size: 500, sharedSize: 200 })], []), 300);
});

test('the confirmation names what goes, each size, the total, and what a container keeps', () => {
  const images = [img('sha256:aaaaaaaaaaaaaaaa', { size: 2_000_000 }), img('sha256:bbbbbbbbbbbbbbbb'), img('t', { repoTags: ['app:1', 'app:2'] })];
  const containers = [ctr('old', 'x', 'exited', { sizeRw: 3000 }), ctr('user', 'sha256:bbbbbbbbbbbbbbbb', 'running')];
  const plan = planPrune({ images, containers }, choice({ stoppedContainers: true, unusedImages: true }));
  const text = describePrunePlan(plan, { imageBytes: 2_000_100, containerBytes: 3000 }, parseLabelFilter('mine'));
  assert.equal(text.title, 'Remove 1 stopped container, 1 dangling image and 1 unused image with label mine, freeing 2.00 MB?');
  assert.match(text.detail, /Stopped containers \(3.00 kB\): old \(exited, 3.00 kB\)\./);
  assert.match(text.detail, /Dangling images: aaaaaaaaaaaa \(2.00 MB\)\./);
  assert.match(text.detail, /Unused images: app:1 \(\+1 more\) \(100 B\)\./);
  assert.match(text.detail, /Kept, a container uses it: bbbbbbbbbbbb \(used by user, running\)\./);
  const none = describePrunePlan(planPrune({ images: [], containers: [] }, choice()), { imageBytes: 0, containerBytes: 0 }, null);
  assert.deepEqual([none.title, none.nothing], ['Nothing to prune.', true]);
});

test('each image is listed with the bytes only it holds, not a Size that counts layers other images share', () => {
  const images = [img('sha256:cccccccccccccccc', { size: 2_130_700, sharedSize: 2_130_000 }), img('sha256:dddddddddddddddd', { size: 5000, sharedSize: -1 })];
  const text = describePrunePlan(planPrune({ images, containers: [] }, choice()), { imageBytes: 5700, containerBytes: 0 }, null);
  assert.match(text.detail, /Dangling images: cccccccccccc \(700 B of its own, 2\.13 MB shared with other images\), dddddddddddd \(5\.00 kB\)\./);
});

test('hundreds of dangling images: the confirmation names the first ones and counts the rest', () => {
  const images = Array.from({ length: 500 }, (_, n) => img(`sha256:${String(n).padStart(12, '0')}`));
  const plan = planPrune({ images, containers: [] }, choice());
  const text = describePrunePlan(plan, { imageBytes: 50_000, containerBytes: 0 }, null);
  assert.match(text.title, /^Remove 500 dangling images, freeing 50.0 kB\?$/);
  assert.match(text.detail, new RegExp(`, and ${500 - MAX_LISTED} more\\.`));
});

test('the outcome says what went, the space reclaimed, and each thing kept with why', () => {
  assert.equal(
    describePruneOutcome({ containers: [1], images: [1, 2], skipped: [{ what: 'image x', reason: 'it was already gone (removed by someone else)' }], reclaimedBytes: 1500 }),
    'Removed 1 container and 2 images: 1.50 kB reclaimed. Kept 1 object: image x: it was already gone (removed by someone else).',
  );
  assert.equal(describePruneOutcome({ containers: [], images: [], skipped: [], reclaimedBytes: 0 }), 'Nothing was removed.');
});

test('reclaimed bytes are the layers the engine named as deleted, by chain ID, each once', () => {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const chain2 = `sha256:${createHash('sha256').update('sha256:base sha256:top').digest('hex')}`;
  const a = img('a', { layers: layers(['sha256:base', 1000], ['sha256:top', 10]) });
  const b = img('b', { layers: layers(['sha256:base', 1000], ['sha256:top', 10]) });
  // Base still held by another image: the engine released only the top layer.
  assert.equal(reclaimedLayerBytes([a, b], new Set(['a', 'b', chain2])), 10);
  assert.equal(reclaimedLayerBytes([a, b], new Set(['a', 'b', chain2, 'sha256:base'])), 1010);
  // An image without layers read (it shares none) counts whole once deleted.
  assert.equal(reclaimedLayerBytes([img('u', { size: 77 }), img('v', { size: 5 })], new Set(['u'])), 77);
});
