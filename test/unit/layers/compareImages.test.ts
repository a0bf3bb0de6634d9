import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerEntry } from '../../../src/engine/layers/LayerEntry';
import { compareImages, compareImagesInSlices, compareLayers, type DiffNode } from '../../../src/model/layers/compareImages';
import { imageFileSystem } from '../../../src/model/layers/imageFileSystem';

const f = (path: string, size: number, mode = 0o644): LayerEntry => ({ path, kind: 'file', size, mode, uid: 0, gid: 0 });
const d = (path: string): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
const wh = (path: string): LayerEntry => ({ path, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 });
const sl = (path: string, link: string): LayerEntry => ({ path, kind: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link });

function image(layers: Array<{ diffId: string; entries: LayerEntry[] }>) {
  return { root: imageFileSystem(layers), diffIds: layers.map((l) => l.diffId) };
}

/** The difference as the view lists it: folders with their byte totals, paths with change, layers and reasons. */
function rows(node: DiffNode, depth = 0, out: string[] = []): string[] {
  for (const c of node.children ?? []) {
    const pad = '  '.repeat(depth);
    const layers = `${c.a ? `A${c.a.layer}` : '-'}/${c.b ? `B${c.b.layer}` : '-'}`;
    out.push(c.folder && c.change !== 'changed' ? `${pad}${c.name}/ ${c.change ? `${c.change} ` : ''}${c.bytesA}→${c.bytesB}` : `${pad}${c.name} ${c.change} ${layers} ${c.bytesA}→${c.bytesB}${c.reasons.length ? ` (${c.reasons.join('; ')})` : ''}`);
    if (c.folder) rows(c, depth + 1, out);
  }
  return out;
}

const BASE = [
  { diffId: 'sha256:base', entries: [d('bin'), f('bin/sh', 100), d('etc'), f('etc/passwd', 20), f('etc/os', 9)] },
  { diffId: 'sha256:app', entries: [d('app'), f('app/main', 50), f('app/conf', 7), d('app/old'), f('app/old/x', 3)] },
];

test('two images over one base: the layers they share, where they part, and the files that differ', () => {
  const a = image([...BASE, { diffId: 'sha256:a', entries: [f('app/conf', 8), sl('app/link', 'main')] }]);
  const b = image([
    ...BASE,
    { diffId: 'sha256:b', entries: [f('app/conf', 12, 0o600), wh('app/old'), f('app/new', 4), f('etc/os', 9), sl('app/link', 'conf'), d('app/main'), f('app/main/inner', 2)] },
  ]);
  const c = compareImages(a, b);
  assert.deepEqual(c.layers, { shared: 2, onlyA: ['sha256:a'], onlyB: ['sha256:b'], alsoInBoth: [] });
  assert.deepEqual(rows(c.files), [
    'app/ 61→18',
    '  main changed A1/- 50→2 (file → folder)',
    '    inner added -/B2 0→2',
    '  old/ removed 3→0',
    '    x removed A1/- 3→0',
    '  conf changed A2/B2 8→12 (size 8 → 12; mode 0644 → 0600)',
    '  link changed A2/B2 0→0 (link main → conf)',
    '  new added -/B2 0→4',
    'etc/ 9→9',
    '  os changed A0/B2 9→9 (content (another layer stores it; same header))',
  ]);
  assert.deepEqual([c.added, c.removed, c.changed], [2, 1, 4]);
});

test('an image compared with itself, or two sharing every layer, differ in nothing', () => {
  const a = image(BASE);
  const c = compareImages(a, image(BASE));
  assert.deepEqual(c.layers, { shared: 2, onlyA: [], onlyB: [], alsoInBoth: [] });
  assert.deepEqual(c.files.children, []);
});

test('a layer shared by diff ID above the parting point is named; the same file from it is no difference', () => {
  assert.deepEqual(compareLayers(['x', 'y', 'z', 'w'], ['x', 'q', 'z']), { shared: 1, onlyA: ['y', 'z', 'w'], onlyB: ['q', 'z'], alsoInBoth: ['z'] });
  const a = image([BASE[0], { diffId: 'sha256:z', entries: [f('z', 3)] }]);
  const b = image([BASE[1], { diffId: 'sha256:z', entries: [f('z', 3)] }]);
  assert.deepEqual(rows(compareImages(a, b).files), [
    'app/ added 0→60',
    '  old/ added 0→3',
    '    x added -/B0 0→3',
    '  conf added -/B0 0→7',
    '  main added -/B0 0→50',
    'bin/ removed 100→0',
    '  sh removed A0/- 100→0',
    'etc/ removed 29→0',
    '  os removed A0/- 9→0',
    '  passwd removed A0/- 20→0',
  ]);
});

test('a hard link is compared as the file it links to: another kind of tar entry for the same file is no size or kind change', () => {
  const hl = (path: string, link: string): LayerEntry => ({ path, kind: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, link });
  const a = image([{ diffId: 'sha256:a', entries: [f('k/hard', 6), hl('k/orig', 'k/hard')] }]);
  const b = image([{ diffId: 'sha256:a', entries: [f('k/hard', 6), hl('k/orig', 'k/hard')] }, { diffId: 'sha256:b', entries: [f('k/orig', 6, 0o600)] }]);
  assert.deepEqual(rows(compareImages(a, b).files), ['k/ 6→6', '  orig changed A0/B1 6→6 (mode 0644 → 0600)']);
});

test('two big images are compared in slices: the event loop gets turns, and the result is the one compared at once', async () => {
  const many = (diffId: string, size: number) => ({ diffId, entries: [d('many'), ...Array.from({ length: 20_000 }, (_, i) => f(`many/${i}`, size))] });
  const a = image([...BASE, many('sha256:a', 1)]);
  const b = image([...BASE, many('sha256:b', 2)]);
  // A clock that moves 1 ms a reading: a slice of 10 ms is 10 chances to pause (one per 500 paths), whatever this machine's speed.
  let clock = 0;
  let pauses = 0;
  const sliced = await compareImagesInSlices(a, b, { now: () => clock++, pause: async () => void pauses++, sliceMs: 10 });
  assert.ok(pauses >= 3, `paused ${pauses} times over 20,000 paths`);
  assert.equal(sliced.changed, 20_000);
  assert.deepEqual(sliced, compareImages(a, b));
});
