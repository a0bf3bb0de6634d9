import type { SnapshotCodec } from '../../engine/layers/TreeSnapshot';
import { childPath, decodeLayerEntry, encodeLayerEntry, isCount } from './layerEntryCodec';
import type { LayerTreeNode } from './layerTree';

const KINDS = ['file', 'dir', 'symlink', 'hardlink', 'other', 'whiteout', 'opaque'] as const;
const CHANGES = [undefined, 'added', 'modified', 'removed'] as const;

/** A layer's file tree (layerTree) as a TreeSnapshot stores it: `[name, kind, change, size, entry, below]` per node, paths from the parents. */
export const layerTreeCodec: SnapshotCodec<LayerTreeNode> = {
  version: 1,
  encode(n) {
    return [n.name, KINDS.indexOf(n.kind), CHANGES.indexOf(n.change), n.size, n.entry ? encodeLayerEntry(n.entry, n.path) : 0, n.below ?? -1];
  },
  decode(data, parent) {
    if (!Array.isArray(data) || data.length !== 6) throw new Error('malformed layer tree node');
    const [name, kind, change, size, entry, below] = data as unknown[];
    if (typeof name !== 'string' || typeof kind !== 'number' || !KINDS[kind] || typeof change !== 'number' || change < 0 || change >= CHANGES.length || !isCount(size) || !Number.isInteger(below)) {
      throw new Error('malformed layer tree node');
    }
    const path = childPath(parent, name);
    const node: { -readonly [K in keyof LayerTreeNode]: LayerTreeNode[K] } = { name, path, kind: KINDS[kind], size };
    if (CHANGES[change]) node.change = CHANGES[change];
    if (entry !== 0) node.entry = decodeLayerEntry(entry, path);
    if (below !== -1) node.below = below as number;
    return node;
  },
  children: (n) => n.children,
  setChildren(n, children) {
    n.children = children;
  },
};
