import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerEntry } from '../../../src/engine/layers/LayerEntry';
import { layerTree, layerTreeSteps, type LayerTreeNode } from '../../../src/model/layers/layerTree';

const f = (path: string, size: number): LayerEntry => ({ path, kind: 'file', size, mode: 0o644, uid: 0, gid: 0 });
const d = (path: string): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
const wh = (path: string): LayerEntry => ({ path, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 });
const opq = (path: string): LayerEntry => ({ path, kind: 'opaque', size: 0, mode: 0, uid: 0, gid: 0 });

/** `path change size` lines, depth-first: what the view shows. */
function rows(node: LayerTreeNode, depth = 0, out: string[] = []): string[] {
  for (const c of node.children ?? []) {
    out.push(`${'  '.repeat(depth)}${c.name}${c.children ? '/' : ''} ${c.change ?? '-'} ${c.size}`);
    rows(c, depth + 1, out);
  }
  return out;
}

const LAYERS = [
  { entries: [d('data'), f('data/big', 1000), f('data/small', 5), d('data/dir'), f('data/dir/a', 10), f('data/dir/b', 3)] },
  { entries: [d('data'), wh('data/big'), d('data/dir'), opq('data/dir'), f('data/dir/c', 3), f('data/small', 11)] },
  { entries: [] },
];

test("a layer's tree: added and modified entries, the paths it hides as removed, folders with their totals", () => {
  assert.deepEqual(rows(layerTree(LAYERS, 1)), [
    'data/ - 14',
    '  dir/ - 3',
    '    a removed 10',
    '    b removed 3',
    '    c added 3',
    '  big removed 1000',
    '  small modified 11',
  ]);
});

test('the bottom layer adds everything; a layer with no files has an empty tree', () => {
  assert.deepEqual(rows(layerTree(LAYERS, 0)), ['data/ - 1018', '  dir/ - 13', '    a added 10', '    b added 3', '  big added 1000', '  small added 5']);
  assert.deepEqual(layerTree(LAYERS, 2).children, []);
});

test('modified and removed entries name the layer whose version was visible below', () => {
  const tree = layerTree([...LAYERS, { entries: [f('data/small', 2), wh('data/dir/c')] }], 3);
  const data = tree.children![0];
  assert.deepEqual(data.children!.map((c) => [c.name, c.change, c.below]), [
    ['dir', undefined, undefined],
    ['small', 'modified', 1],
  ]);
  assert.deepEqual(data.children![0].children!.map((c) => [c.name, c.change, c.below]), [['c', 'removed', 1]]);
});

test('built in steps: a big layer yields every thousand entries or so, and gives the same tree', () => {
  // 20,000 files over a 10,000-file base: the top layer modifies half and adds half; one folder is removed.
  const base = { entries: [d('a'), d('gone'), ...Array.from({ length: 10_000 }, (_, i) => f(`a/${i}`, 1)), f('gone/x', 7)] };
  const top = { entries: [d('a'), wh('gone'), ...Array.from({ length: 20_000 }, (_, i) => f(`a/${i}`, 2))] };
  const steps = layerTreeSteps([base, top], 1);
  let yields = 0;
  let r = steps.next();
  for (; !r.done; r = steps.next()) yields++;
  // Stacking 30,000 entries, placing 20,000 and summing 20,000 rows: at least one pause per thousand.
  assert.ok(yields >= 60, `${yields} pauses`);
  const tree = r.value;
  assert.deepEqual(rows(tree).slice(0, 3), ['a/ - 40000', '  0 modified 2', '  1 modified 2']);
  assert.deepEqual(rows(tree).slice(-1), ['  x removed 7']);
  assert.deepEqual(tree, layerTree([base, top], 1));
});
