import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerEntry } from '../../../src/engine/layers/LayerEntry';
import { fsMatches, fsRows, imageFileSystem, imageFileSystemInSlices, tallyOf, type FsFilter, type FsNode } from '../../../src/model/layers/imageFileSystem';
import { stackLayers } from '../../../src/model/layers/stackLayers';

const f = (path: string, size: number): LayerEntry => ({ path, kind: 'file', size, mode: 0o644, uid: 0, gid: 0 });
const d = (path: string): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
const wh = (path: string): LayerEntry => ({ path, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 });
const opq = (path: string): LayerEntry => ({ path, kind: 'opaque', size: 0, mode: 0, uid: 0, gid: 0 });
const hl = (path: string, link: string): LayerEntry => ({ path, kind: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, link });
const sl = (path: string, link: string): LayerEntry => ({ path, kind: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link });

/** What the view shows under a filter, depth-first: folders with their bytes, files with kind, layer, mark and bytes. */
function rows(node: FsNode, filter: FsFilter, depth = 0, out: string[] = []): string[] {
  for (const r of fsRows(node, filter)) {
    const pad = '  '.repeat(depth);
    if (r.folder) {
      out.push(`${pad}${r.node.name}/ L${r.node.layer} ${r.bytes}`);
      rows(r.node, filter, depth + 1, out);
    } else if (r.copy) {
      out.push(`${pad}${r.node.name} ${r.kind} L${r.copy.layer} by L${r.copy.by} ${r.bytes}`);
    } else if (r.node.visible) {
      out.push(`${pad}${r.node.name} ${r.kind} L${r.node.layer} ${r.node.change} ${r.bytes}`);
    } else {
      out.push(`${pad}${r.node.name} ${r.kind} L${r.node.current!.layer} removed by L${r.node.removedBy} ${r.bytes}`);
    }
  }
  return out;
}

// The image of the layer integration tests, with a few more turns: a folder removed whole
// by a whiteout, a file replaced by a folder, a hard link whose target is removed above.
const LAYERS = [
  { entries: [d('bin'), f('bin/sh', 100), d('etc'), f('etc/passwd', 20)] },
  {
    entries: [
      d('data'), f('data/big', 1000), f('data/small', 5), d('data/dir'), f('data/dir/a', 10), f('data/dir/b', 3),
      d('keep'), f('keep/orig', 6), hl('keep/hard', 'keep/orig'), sl('data/sym', 'small'), d('gone'), f('gone/x', 7), d('gone/deep'), f('gone/deep/y', 8), f('etc/motd', 4),
    ],
  },
  { entries: [d('data'), wh('data/big'), d('data/dir'), opq('data/dir'), f('data/dir/c', 3), f('data/small', 11), wh('gone'), wh('keep/orig'), d('etc/motd'), f('etc/motd/inner', 2)] },
];

test('all: what a container sees, each entry with the layer it comes from and whether that layer added or modified it', () => {
  assert.deepEqual(rows(imageFileSystem(LAYERS), 'all'), [
    'bin/ L0 100',
    '  sh file L0 added 100',
    'data/ L2 14',
    '  dir/ L2 3',
    '    c file L2 added 3',
    '  small file L2 modified 11',
    '  sym symlink L1 added 0',
    'etc/ L0 22',
    '  motd/ L2 2',
    '    inner file L2 added 2',
    '  passwd file L0 added 20',
    'keep/ L1 0',
    '  hard hardlink L1 added 0',
  ]);
});

test('added and modified: only the visible entries their layer added, or replaced', () => {
  const fs = imageFileSystem(LAYERS);
  assert.deepEqual(rows(fs, 'modified'), ['data/ L2 11', '  small file L2 modified 11']);
  assert.deepEqual(rows(fs, 'added'), [
    'bin/ L0 100',
    '  sh file L0 added 100',
    'data/ L2 3',
    '  dir/ L2 3',
    '    c file L2 added 3',
    '  sym symlink L1 added 0',
    'etc/ L0 22',
    '  motd/ L2 2',
    '    inner file L2 added 2',
    '  passwd file L0 added 20',
    'keep/ L1 0',
    '  hard hardlink L1 added 0',
  ]);
});

test('removed: ghosts of what a layer above removed, whole folders included, reachable though not visible', () => {
  assert.deepEqual(rows(imageFileSystem(LAYERS), 'removed'), [
    'data/ L2 1013',
    '  dir/ L2 13',
    '    a file L1 removed by L2 10',
    '    b file L1 removed by L2 3',
    '  big file L1 removed by L2 1000',
    'gone/ L1 15',
    '  deep/ L1 8',
    '    y file L1 removed by L2 8',
    '  x file L1 removed by L2 7',
    'keep/ L1 6',
    '  orig file L1 removed by L2 6',
  ]);
});

test('hidden: every copy stored in a layer but overwritten or removed above, with the layer that did it', () => {
  const fs = imageFileSystem(LAYERS);
  assert.deepEqual(rows(fs, 'hidden'), [
    'data/ L2 1018',
    '  dir/ L2 13',
    '    a file L1 by L2 10',
    '    b file L1 by L2 3',
    '  big file L1 by L2 1000',
    '  small file L1 by L2 5',
    'etc/ L0 4',
    '  motd file L1 by L2 4',
    'gone/ L1 15',
    '  deep/ L1 8',
    '    y file L1 by L2 8',
    '  x file L1 by L2 7',
    'keep/ L1 6',
    '  orig file L1 by L2 6',
  ]);
  // The figures of stackLayers, from the same stacking.
  const figures = stackLayers(LAYERS);
  assert.equal(tallyOf(fs, "all").bytes, figures.visibleBytes);
  assert.equal(tallyOf(fs, "hidden").bytes, figures.hiddenBytes);
});

test('a hard link keeps its target as its own layer stores it, though that target is removed above', () => {
  const keep = imageFileSystem(LAYERS).children!.find((c) => c.name === 'keep')!;
  const hard = keep.children!.find((c) => c.name === 'hard')!;
  assert.equal(hard.visible, true);
  assert.deepEqual(hard.current!.target, f('keep/orig', 6));
  assert.equal(hard.current!.layer, 1);
});

test('a path overwritten twice keeps both hidden copies; a path removed then added again is added, its old copy hidden', () => {
  const fs = imageFileSystem([{ entries: [f('x', 1), f('y', 5)] }, { entries: [f('x', 2), wh('y')] }, { entries: [f('x', 3), f('y', 6)] }]);
  assert.deepEqual(rows(fs, 'all'), ['x file L2 modified 3', 'y file L2 added 6']);
  assert.deepEqual(rows(fs, 'hidden'), ['x file L0 by L1 1', 'x file L1 by L2 2', 'y file L0 by L1 5']);
  assert.deepEqual(rows(fs, 'removed'), []);
});

test('a layer that removes a file and writes it again modifies it; the same path twice in one tar counts once', () => {
  const fs = imageFileSystem([{ entries: [f('a', 1)] }, { entries: [wh('a'), f('a', 2), f('a', 3)] }]);
  assert.deepEqual(rows(fs, 'all'), ['a file L1 modified 3']);
  assert.deepEqual(rows(fs, 'hidden'), ['a file L0 by L1 1', 'a file L1 by L1 2']);
});

test('names with newlines, odd UTF-8 and deep nesting are kept as the tar names them', () => {
  const deep = Array.from({ length: 200 }, (_, i) => `d${i}`).join('/');
  const fs = imageFileSystem([{ entries: [f('a\nb', 1), f('é\u0301 \u202e', 2), f(`${deep}/leaf`, 3)] }]);
  const top = fsRows(fs, 'all');
  assert.deepEqual(top.map((r) => r.node.name), ['d0', 'a\nb', 'é\u0301 \u202e']);
  assert.equal(top[0].bytes, 3);
  let node = fs;
  for (let i = 0; i < 200; i++) node = node.children![0];
  assert.equal(node.children![0].path, `${deep}/leaf`);
});

test('the sliced build pauses on a large folder and gives the same tree', async () => {
  const entries = Array.from({ length: 50_000 }, (_, i) => f(`big/f${String(i).padStart(5, '0')}`, 1));
  const layers = [{ entries }, { entries: [wh('big/f00001')] }];
  let pauses = 0;
  let t = 0;
  const sliced = await imageFileSystemInSlices(layers, { now: () => t++, pause: async () => void pauses++, sliceMs: 1 });
  assert.ok(pauses > 10, `paused ${pauses} times`);
  const whole = imageFileSystem(layers);
  assert.deepEqual(rows(sliced, 'removed'), rows(whole, 'removed'));
  assert.deepEqual(rows(sliced, 'removed'), ['big/ L0 1', '  f00001 file L0 removed by L1 1']);
  assert.equal(fsRows(sliced.children![0], 'all').length, 49_999);
});

test('fsMatches tells, per child, whether a filter gives it a row: what pages of a huge folder are made from', () => {
  const fs = imageFileSystem(LAYERS);
  const names = (filter: FsFilter) => fs.children!.filter((c) => fsMatches(c, filter)).map((c) => c.name);
  assert.deepEqual(names('all'), ['bin', 'data', 'etc', 'keep']);
  assert.deepEqual(names('removed'), ['data', 'gone', 'keep']);
  assert.deepEqual(names('modified'), ['data']);
  assert.deepEqual(names('hidden'), ['data', 'etc', 'gone', 'keep']);
  for (const filter of ['all', 'added', 'modified', 'removed', 'hidden'] as const) {
    assert.deepEqual(names(filter), [...new Set(fsRows(fs, filter).map((r) => r.node.name))]);
  }
});
