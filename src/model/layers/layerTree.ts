import type { LayerEntry, LayerEntryKind } from '../../engine/layers/LayerEntry';
import { observeSteps, type LayerChange } from './stackLayers';
import { runToEnd } from '../runInSlices';

/** One row of a layer's file tree. */
export interface LayerTreeNode {
  readonly name: string;
  /** Path from the image's root, without a leading `/`. */
  readonly path: string;
  readonly kind: LayerEntryKind;
  /** Non-folders: how this layer changes the path. Folders are not marked. */
  readonly change?: LayerChange;
  /** A file's bytes; a folder's: the bytes of the files this layer stores beneath it (removed ones not counted). */
  size: number;
  /** The layer's own entry, or for a removed path the entry it hides; absent for folders the tar names only implicitly. */
  readonly entry?: LayerEntry;
  /** Modified and removed: the layer (0 = bottom) whose version was visible below. */
  readonly below?: number;
  children?: LayerTreeNode[];
}

/** Entries (or nodes) handled between two chances to pause, when built in steps. */
const STEP = 1000;

/**
 * What layer `index` (0 = bottom) changes, as a file tree: its entries marked added or
 * modified against the layers below, and the paths its whiteouts, opaque folders and
 * replaced folders hide marked removed. Folders first, then by name. A layer that
 * changes nothing gives a root with no children.
 */
export function layerTree(layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>, index: number): LayerTreeNode {
  return runToEnd(layerTreeSteps(layers, index));
}

/** The same in steps, for runInSlices: a layer of 300,000 files took seconds at once, the extension host frozen meanwhile. */
export function* layerTreeSteps(layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>, index: number): Generator<void, LayerTreeNode> {
  const changes = new Map<string, { change: LayerChange; entry?: LayerEntry; below?: number }>();
  yield* observeSteps(layers.slice(0, index + 1), (layer, path, change, entry, below) => {
    if (layer === index) changes.set(path, { change, entry, below });
  });
  const root: LayerTreeNode = { name: '', path: '', kind: 'dir', size: 0, children: [] };
  const folders = new Map<string, LayerTreeNode>([['', root]]);
  const folder = (path: string): LayerTreeNode => {
    let node = folders.get(path);
    if (node) return node;
    const slash = path.lastIndexOf('/');
    const parent = folder(slash < 0 ? '' : path.slice(0, slash));
    node = { name: path.slice(slash + 1), path, kind: 'dir', size: 0, children: [] };
    parent.children!.push(node);
    folders.set(path, node);
    return node;
  };
  const place = (path: string, make: (name: string) => LayerTreeNode) => {
    const slash = path.lastIndexOf('/');
    folder(slash < 0 ? '' : path.slice(0, slash)).children!.push(make(path.slice(slash + 1)));
  };

  let done = 0;
  for (const e of layers[index]?.entries ?? []) {
    if (++done % STEP === 0) yield;
    if (e.kind === 'whiteout' || e.kind === 'opaque' || e.path === '') continue;
    if (e.kind === 'dir') {
      Object.assign(folder(e.path), { entry: e });
      continue;
    }
    const change = changes.get(e.path);
    // A path named twice in one tar counts once, as the mount sees it: the last.
    if (change?.entry !== e) continue;
    place(e.path, (name) => ({ name, path: e.path, kind: e.kind, change: change.change, size: e.size, entry: e, below: change.below }));
  }
  for (const [path, c] of changes) {
    if (++done % STEP === 0) yield;
    if (c.change !== 'removed') continue;
    place(path, (name) => ({ name, path, kind: c.entry?.kind ?? 'file', change: 'removed', size: c.entry?.size ?? 0, entry: c.entry, below: c.below }));
  }
  yield* total(root);
  return root;
}

/** Sorts every folder's children (folders first, then by name) and sums their sizes, children before their folder. */
function* total(root: LayerTreeNode): Generator<void, void> {
  // Iterative post-order, so a deep tree does not deepen the stack.
  const stack: Array<{ node: LayerTreeNode; next: number }> = [{ node: root, next: 0 }];
  let done = 0;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const kids = top.node.children!;
    if (top.next === 0) kids.sort((a, b) => (a.children ? 0 : 1) - (b.children ? 0 : 1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    while (top.next < kids.length && !kids[top.next].children) top.next++;
    if (top.next < kids.length) {
      stack.push({ node: kids[top.next++], next: 0 });
      continue;
    }
    stack.pop();
    let size = 0;
    for (const child of kids) size += child.children ? child.size : child.change === 'removed' || child.kind !== 'file' ? 0 : child.size;
    top.node.size = size;
    done += kids.length;
    if (done >= STEP) {
      done = 0;
      yield;
    }
  }
}
