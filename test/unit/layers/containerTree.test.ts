import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerEntry } from '../../../src/engine/layers/LayerEntry';
import { containerTree, sortedChildren, type ContainerTreeNode } from '../../../src/model/layers/containerTree';

const f = (path: string, size = 1): LayerEntry => ({ path, kind: 'file', size, mode: 0o644, uid: 0, gid: 0 });
const d = (path: string): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
const wh = (path: string): LayerEntry => ({ path, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 });
const opq = (path: string): LayerEntry => ({ path, kind: 'opaque', size: 0, mode: 0, uid: 0, gid: 0 });

/** Every visible path with the layer it comes from, depth first. */
function flat(node: ContainerTreeNode, out: string[] = []): string[] {
  for (const c of sortedChildren(node)) {
    out.push(`${c.path}${c.children ? '/' : ''}@${c.from}`);
    flat(c, out);
  }
  return out;
}

test('the writable layer lies over the image: modified, added, removed, an opaque folder and a folder replaced by a file', () => {
  const layers = [
    [d('etc'), f('etc/a'), f('etc/b'), d('opt'), f('opt/x'), d('var'), f('var/old')],
    [f('etc/b', 5), d('srv'), f('srv/s')],
  ];
  const writable = [f('etc/a', 9), wh('etc/b'), f('new'), opq('opt'), f('opt/y'), wh('var'), f('var'), f('srv/s/deeper')];
  assert.deepEqual(flat(containerTree(layers, writable)), [
    'etc/@0',
    'etc/a@writable',
    'opt/@0',
    'opt/y@writable',
    'srv/@1',
    'srv/s/@writable',
    'srv/s/deeper@writable',
    'new@writable',
    'var@writable',
  ]);
});

test('a container with no changes shows its image as the last layer leaves it', () => {
  const tree = containerTree([[d('a'), f('a/1')], [wh('a/1'), f('a/2', 3)]], []);
  assert.deepEqual(flat(tree), ['a/@0', 'a/2@1']);
  assert.equal(tree.children!.get('a')!.children!.get('2')!.entry!.size, 3);
});
