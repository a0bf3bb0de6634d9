import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerEntry } from '../../../src/engine/layers/LayerEntry';
import { stackLayers } from '../../../src/model/layers/stackLayers';

const f = (path: string, size: number): LayerEntry => ({ path, kind: 'file', size, mode: 0o644, uid: 0, gid: 0 });
const d = (path: string): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
const wh = (path: string): LayerEntry => ({ path, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 });
const opq = (path: string): LayerEntry => ({ path, kind: 'opaque', size: 0, mode: 0, uid: 0, gid: 0 });
const ln = (path: string, link: string): LayerEntry => ({ path, kind: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link });

test('a file overwritten above: modified once, its lower copy hidden, both layers named', () => {
  const r = stackLayers([{ entries: [d('etc'), f('etc/a', 100), f('etc/b', 10)] }, { entries: [d('etc'), f('etc/a', 40)] }]);
  assert.deepEqual(r.layers, [
    { sizeBytes: 110, added: 2, modified: 0, removed: 0 },
    { sizeBytes: 40, added: 0, modified: 1, removed: 0 },
  ]);
  assert.equal(r.sizeBytes, 150);
  assert.equal(r.visibleBytes, 50);
  assert.equal(r.hiddenBytes, 100);
  assert.equal(r.efficiency, 50 / 150);
  assert.deepEqual(r.largestHidden, [{ path: 'etc/a', bytes: 100, layers: [0, 1] }]);
});

test('a whiteout removes a file and a whole folder; re-adding under an opaque folder is modified, not removed', () => {
  const r = stackLayers([
    { entries: [f('big', 1000), d('data'), f('data/x', 5), f('data/y', 7), d('cache'), f('cache/c', 3), ln('cache/l', 'c')] },
    { entries: [wh('big'), wh('data'), opq('cache'), f('cache/c', 4)] },
  ]);
  assert.deepEqual(r.layers[1], { sizeBytes: 4, added: 0, modified: 1, removed: 4 });
  assert.equal(r.visibleBytes, 4);
  assert.equal(r.hiddenBytes, 1015);
  assert.deepEqual(r.largestHidden.map((h) => [h.path, h.bytes, h.layers]), [
    ['big', 1000, [0]],
    ['data/y', 7, [0]],
    ['data/x', 5, [0]],
    ['cache/c', 3, [0, 1]],
  ]);
});

test('a folder replaced by a file hides what was under it; a file replaced by a folder is removed', () => {
  const r = stackLayers([{ entries: [d('a'), f('a/1', 1), f('a/2', 2), f('b', 9)] }, { entries: [f('a', 20), d('b'), f('b/new', 1)] }]);
  assert.deepEqual(r.layers[1], { sizeBytes: 21, added: 1, modified: 1, removed: 3 });
  assert.equal(r.visibleBytes, 21);
});

test('no layers, or only folders and empty files: efficiency 1', () => {
  assert.equal(stackLayers([]).efficiency, 1);
  const r = stackLayers([{ entries: [d('x'), f('x/empty', 0)] }, { entries: [] }]);
  assert.equal(r.efficiency, 1);
  assert.deepEqual(r.layers[1], { sizeBytes: 0, added: 0, modified: 0, removed: 0 });
  assert.deepEqual(r.dive, { efficiency: 1, wastedBytes: 0, userWastedPercent: 0 });
});

test("dive's figures: a path in two layers wastes both copies; a removed file wastes its size, a removed folder its contents twice", () => {
  const r = stackLayers([
    { entries: [f('base', 50)] },
    { entries: [f('a', 100), d('dir'), f('dir/x', 30)] },
    { entries: [f('a', 100), wh('dir')] },
  ]);
  // Paths: base 50 (once), a 100+100 (min 100), dir/x 30 (once), dir: leaf whiteout 30 in layer 2 only.
  // dive's whiteout of a folder counts what was under it; dir itself is no leaf in layer 1.
  assert.equal(r.dive.wastedBytes, 200);
  assert.equal(r.dive.efficiency, (50 + 100 + 30 + 30) / (50 + 200 + 30 + 30));
  assert.equal(r.dive.userWastedPercent, 200 / 230);
  assert.equal(r.hiddenBytes, 130);
});

test('a whited-out file costs dive 0 bytes at the whiteout, the file its size', () => {
  const r = stackLayers([{ entries: [f('x', 10)] }, { entries: [wh('x')] }]);
  assert.equal(r.dive.wastedBytes, 10);
  assert.equal(r.dive.efficiency, 0);
});

test('a folder replaced by a file and made again within one layer: what follows goes in the new folder', () => {
  const changes: unknown[] = [];
  const r = stackLayers([{ entries: [d('a'), f('a/0', 4)] }, { entries: [d('a'), f('a/1', 1), f('a', 5), f('a/2', 2), f('a/3', 3)] }], {
    observe: (layer, path, change, _entry, below) => changes.push([layer, path, change, below]),
  });
  assert.deepEqual(r.layers[1], { sizeBytes: 11, added: 3, modified: 0, removed: 1 });
  assert.equal(r.visibleBytes, 5);
  assert.deepEqual(r.largestHidden, [
    { path: 'a', bytes: 5, layers: [1] },
    { path: 'a/0', bytes: 4, layers: [0] },
    { path: 'a/1', bytes: 1, layers: [1] },
  ]);
  assert.deepEqual(changes, [
    [0, 'a/0', 'added', undefined],
    [1, 'a/1', 'added', undefined],
    [1, 'a/2', 'added', undefined],
    [1, 'a/3', 'added', undefined],
    [1, 'a/0', 'removed', 0],
  ]);
});

test('a layer the export holds twice (one entries list at two places) counts its files as before', () => {
  const shared = { entries: [d('etc'), f('etc/a', 10)] };
  const r = stackLayers([shared, { entries: [f('etc/a', 3)] }, shared]);
  // Its objects are the same at both places: the top copy being visible, so is the bottom one (as a set of visible entries had it).
  assert.equal(r.sizeBytes, 23);
  assert.equal(r.visibleBytes, 20);
  assert.deepEqual(r.largestHidden, [{ path: 'etc/a', bytes: 3, layers: [1, 2] }]);
  assert.deepEqual(r.layers.map((l) => [l.added, l.modified]), [[1, 0], [0, 1], [0, 1]]);
});
