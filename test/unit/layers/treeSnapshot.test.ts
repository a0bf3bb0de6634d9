import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LayerEntry } from '../../../src/engine/layers/LayerEntry';
import { LayerIndexCache } from '../../../src/engine/layers/LayerIndexCache';
import type { SnapshotCodec, TreeSnapshot } from '../../../src/engine/layers/TreeSnapshot';
import { TreeSnapshotStore } from '../../../src/engine/layers/TreeSnapshotStore';
import { fsNodeCodec } from '../../../src/model/layers/fsNodeCodec';
import { imageFileSystem, type FsNode } from '../../../src/model/layers/imageFileSystem';
import { layerTree, type LayerTreeNode } from '../../../src/model/layers/layerTree';
import { layerTreeCodec } from '../../../src/model/layers/layerTreeCodec';
import { seededRandom } from '../../support/seededRandom';

const f = (path: string, size: number): LayerEntry => ({ path, kind: 'file', size, mode: 0o644, uid: 0, gid: 0 });
const d = (path: string): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 1000, gid: 1000 });
const wh = (path: string): LayerEntry => ({ path, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 });
const opq = (path: string): LayerEntry => ({ path, kind: 'opaque', size: 0, mode: 0, uid: 0, gid: 0 });
const hl = (path: string, link: string): LayerEntry => ({ path, kind: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, link });
const sl = (path: string, link: string): LayerEntry => ({ path, kind: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link });

// Every turn the union mount takes (as in imageFileSystem.test.ts), and names a path cannot take apart: a newline, a quote, non-ASCII.
const LAYERS = [
  { entries: [d('bin'), f('bin/sh', 100), d('etc'), f('etc/passwd', 20), f('etc/new\nline', 1), f('etc/"quoted"', 2)] },
  {
    entries: [
      d('data'), f('data/big', 1000), f('data/small', 5), d('data/dir'), f('data/dir/a', 10), f('data/dir/b', 3), d('keep'), f('keep/orig', 6),
      hl('keep/hard', 'keep/orig'), sl('data/sym', 'small'), d('gone'), f('gone/x', 7), d('gone/deep'), f('gone/deep/y', 8), f('etc/motd', 4), f('etc/ünï', 9),
    ],
  },
  { entries: [d('data'), wh('data/big'), d('data/dir'), opq('data/dir'), f('data/dir/c', 3), f('data/small', 11), wh('gone'), wh('keep/orig'), d('etc/motd'), f('etc/motd/inner', 2), f('etc/ünï', 3)] },
];

/** A few thousand random paths over four layers, with overwrites and removals. */
function randomLayers(seed: number): Array<{ entries: LayerEntry[] }> {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const dirs = ['a', 'a/b', 'a/b/c', 'x', 'x/y', 'z'];
  return [0, 1, 2, 3].map((layer) => {
    const entries: LayerEntry[] = dirs.map(d);
    for (let i = 0; i < 1500; i++) {
      const path = `${pick(dirs)}/n${Math.floor(random() * 400)}`;
      const roll = random();
      if (layer > 0 && roll < 0.1) entries.push(wh(path));
      else if (layer > 0 && roll < 0.12) entries.push(opq(pick(dirs)));
      else if (roll < 0.15) entries.push(sl(path, 'elsewhere'));
      else entries.push(f(path, Math.floor(random() * 1e6)));
    }
    return { entries };
  });
}

const dir = mkdtempSync(join(tmpdir(), 'stowage-tree-snapshot-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const store = new TreeSnapshotStore(new LayerIndexCache(dir));
const ids = (n: number, salt = 'a') => Array.from({ length: n }, (_, i) => `sha256:${salt.repeat(63)}${i.toString(16)}`);

/** Every node of a snapshot, its folders read one by one as the view expands them. */
async function readAll<T extends { children?: T[] }>(snapshot: TreeSnapshot<T>, node: T = snapshot.root): Promise<T> {
  await snapshot.load(node);
  for (const c of node.children ?? []) await readAll(snapshot, c);
  return node;
}

/** A tree as plain data: a Float64Array as an array, fields set to undefined as absent. */
function plain(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (_, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v)));
}

async function roundTrip<T extends { children?: T[] }>(kind: string, diffIds: string[], root: T, codec: SnapshotCodec<T>): Promise<T> {
  await store.write(kind, diffIds, root, codec);
  const snapshot = await store.open(kind, diffIds, codec);
  assert.ok(snapshot, 'the snapshot just written is found');
  return readAll(snapshot);
}

test('a stacked filesystem read back folder by folder is the one built: every figure, mark, copy and layer', async () => {
  const built = imageFileSystem(LAYERS);
  assert.deepEqual(plain(await roundTrip('fs', ids(3), built, fsNodeCodec)), plain(built));
  for (const seed of [1, 2, 3]) {
    const random = imageFileSystem(randomLayers(seed));
    assert.deepEqual(plain(await roundTrip('fs', ids(4, String(seed)), random, fsNodeCodec)), plain(random), `seed ${seed}`);
  }
});

test("each layer's file tree read back is the one computed", async () => {
  for (const layers of [LAYERS, randomLayers(7)]) {
    for (let i = 0; i < layers.length; i++) {
      const tree = layerTree(layers, i);
      const back = await roundTrip<LayerTreeNode>('layer', ids(i + 1, 'c'), tree, layerTreeCodec);
      assert.deepEqual(plain(back), plain(tree), `layer ${i}`);
    }
  }
});

test('opening reads the root and its children only: a folder stays unread (an empty list) until loaded', async () => {
  const built = imageFileSystem(LAYERS);
  await store.write('fs', ids(3, 'd'), built, fsNodeCodec);
  const snapshot = (await store.open('fs', ids(3, 'd'), fsNodeCodec))!;
  await snapshot.load(snapshot.root);
  const data = snapshot.root.children!.find((c) => c.name === 'data')!;
  assert.deepEqual(data.children, []);
  assert.deepEqual(Array.from(data.tally!), Array.from(built.children!.find((c) => c.name === 'data')!.tally!));
  await Promise.all([snapshot.load(data), snapshot.load(data)]);
  assert.deepEqual(
    (data.children as FsNode[]).map((c) => c.path),
    ['data/dir', 'data/big', 'data/small', 'data/sym'],
  );
});

test('a snapshot of other layers, of another kind or of an older encoding is not found', async () => {
  const built = imageFileSystem(LAYERS);
  await store.write('fs', ids(3, 'e'), built, fsNodeCodec);
  assert.equal(await store.open('fs', ids(2, 'e'), fsNodeCodec), undefined);
  assert.equal(await store.open('layer', ids(3, 'e'), fsNodeCodec), undefined);
  assert.equal(await store.open('fs', ids(3, 'e'), { ...fsNodeCodec, version: fsNodeCodec.version + 1 }), undefined);
  // A file of the right name holding another key (copied over by hand) is stale too.
  writeFileSync(store.file('fs', fsNodeCodec.version, ids(2, 'e')), readFileSync(store.file('fs', fsNodeCodec.version, ids(3, 'e'))));
  assert.equal(await store.open('fs', ids(2, 'e'), fsNodeCodec), undefined);
});

test('a damaged snapshot is never read as a tree: cut short or garbled it is not found, a garbled folder throws when loaded', async () => {
  const built = imageFileSystem(LAYERS);
  const key = ids(3, 'f');
  const file = store.file('fs', fsNodeCodec.version, key);
  await store.write('fs', key, built, fsNodeCodec);
  const whole = readFileSync(file);
  for (const cut of [0, 5, whole.length - 1, whole.length - 13]) {
    writeFileSync(file, whole.subarray(0, cut));
    assert.equal(await store.open('fs', key, fsNodeCodec), undefined, `cut at ${cut}`);
  }
  // The first block (the deepest folder's) garbled: the root reads, that folder's load throws.
  const garbled = Buffer.from(whole);
  garbled.write('#', 20);
  writeFileSync(file, garbled);
  const snapshot = (await store.open('fs', key, fsNodeCodec))!;
  assert.ok(snapshot);
  const all = readAll(snapshot);
  await assert.rejects(all);
  // A nonsense footer.
  const footer = Buffer.from(whole);
  footer.write('{"x', whole.length - 12 - whole.readUInt32BE(whole.length - 4));
  writeFileSync(file, footer);
  assert.equal(await store.open('fs', key, fsNodeCodec), undefined);
});

test('a snapshot replaced on disk after it was opened reads as damaged, not as the other tree', async () => {
  const key = ids(3, '9');
  await store.write('fs', key, imageFileSystem(LAYERS), fsNodeCodec);
  const snapshot = (await store.open('fs', key, fsNodeCodec))!;
  await store.write('fs', key, imageFileSystem(randomLayers(4)), fsNodeCodec);
  await assert.rejects(snapshot.load(snapshot.root), /not this snapshot's/);
});

test('snapshots count in the layer cache bound: the least recently used files go first', async () => {
  const small = mkdtempSync(join(tmpdir(), 'stowage-tree-snapshot-small-'));
  try {
    const built = imageFileSystem(LAYERS);
    await store.write('fs', ids(4, '8'), built, fsNodeCodec);
    const one = statSync(store.file('fs', fsNodeCodec.version, ids(4, '8'))).size;
    const bounded = new TreeSnapshotStore(new LayerIndexCache(small, Math.floor(2.5 * one)));
    for (let i = 0; i < 4; i++) await bounded.write('fs', ids(4, String(i)), built, fsNodeCodec);
    const kept = readdirSync(small);
    assert.equal(kept.length, 2, `kept ${kept.join(', ')}`);
    assert.ok(kept.includes(bounded.file('fs', fsNodeCodec.version, ids(4, '3')).slice(small.length + 1)), `kept ${kept.join(', ')}`);
    assert.ok(kept.includes(bounded.file('fs', fsNodeCodec.version, ids(4, '2')).slice(small.length + 1)), `kept ${kept.join(', ')}`);
    assert.ok(!kept.includes(bounded.file('fs', fsNodeCodec.version, ids(4, '0')).slice(small.length + 1)), `kept ${kept.join(', ')}`);
  } finally {
    rmSync(small, { recursive: true, force: true });
  }
});
