import type { SnapshotCodec } from '../../engine/layers/TreeSnapshot';
import type { FsNode, StoredCopy } from './imageFileSystem';
import { childPath, decodeLayerEntry, encodeLayerEntry, isCount } from './layerEntryCodec';

const VISIBLE = 1;
const FOLDER = 2;
const ADDED = 4;
const MODIFIED = 8;

/**
 * An image's stacked filesystem (imageFileSystem) as a TreeSnapshot stores it, one
 * array per node: `[name, flags, layer, removedBy, current, hidden, dirEntry, tally,
 * marks]` (0 or -1 where absent). Paths follow from the parents; nothing is computed
 * again on reading, so the tallies and marks are exactly the built tree's.
 */
export const fsNodeCodec: SnapshotCodec<FsNode> = {
  version: 1,
  encode(n) {
    const flags = (n.visible ? VISIBLE : 0) | (n.folder ? FOLDER : 0) | (n.change === 'added' ? ADDED : n.change === 'modified' ? MODIFIED : 0);
    return [
      n.name,
      flags,
      n.layer,
      n.removedBy ?? -1,
      n.current ? encodeCopy(n.current, n.path) : 0,
      n.hidden.length ? n.hidden.map((c) => encodeCopy(c, n.path)) : 0,
      n.dirEntry ? encodeLayerEntry(n.dirEntry, n.path) : 0,
      n.tally ? Array.from(n.tally) : 0,
      n.marks ?? -1,
    ];
  },
  decode(data, parent) {
    if (!Array.isArray(data) || data.length !== 9) throw new Error('malformed filesystem node');
    const [name, flags, layer, removedBy, current, hidden, dirEntry, tally, marks] = data as unknown[];
    if (typeof name !== 'string' || !isCount(flags) || !Number.isInteger(layer) || !Number.isInteger(removedBy) || !Number.isInteger(marks)) throw new Error('malformed filesystem node');
    if (hidden !== 0 && !Array.isArray(hidden)) throw new Error('malformed filesystem node');
    if (tally !== 0 && (!Array.isArray(tally) || tally.length !== 10 || !tally.every(isCount))) throw new Error('malformed filesystem node');
    const path = childPath(parent, name);
    const node: FsNode = { name, path, visible: (flags & VISIBLE) !== 0, folder: (flags & FOLDER) !== 0, layer: layer as number, hidden: hidden === 0 ? [] : hidden.map((c) => decodeCopy(c, path)) };
    if (flags & ADDED) node.change = 'added';
    else if (flags & MODIFIED) node.change = 'modified';
    if (removedBy !== -1) node.removedBy = removedBy as number;
    if (current !== 0) node.current = decodeCopy(current, path);
    if (dirEntry !== 0) node.dirEntry = decodeLayerEntry(dirEntry, path);
    if (tally !== 0) node.tally = Float64Array.from(tally as number[]);
    if (marks !== -1) node.marks = marks as number;
    return node;
  },
  children: (n) => n.children,
  setChildren(n, children) {
    n.children = children;
  },
};

function encodeCopy(c: StoredCopy, path: string): unknown[] {
  return [encodeLayerEntry(c.entry, path), c.layer, c.by ?? -1, c.target ? encodeLayerEntry(c.target, path) : 0];
}

function decodeCopy(data: unknown, path: string): StoredCopy {
  if (!Array.isArray(data) || data.length !== 4 || !isCount(data[1]) || !Number.isInteger(data[2])) throw new Error('malformed stored copy');
  const copy: { -readonly [K in keyof StoredCopy]: StoredCopy[K] } = { entry: decodeLayerEntry(data[0], path), layer: data[1] };
  if (data[2] !== -1) copy.by = data[2] as number;
  if (data[3] !== 0) copy.target = decodeLayerEntry(data[3], path);
  return copy;
}
