import type { LayerEntry } from '../../engine/layers/LayerEntry';
import { DivePaths } from './DivePaths';
import { inFolder } from './inFolder';
import { runToEnd } from '../runInSlices';

/** What one layer changes, counted over its non-directory entries. */
export interface LayerFigures {
  /** Sum of the sizes of the regular files its tar holds. */
  readonly sizeBytes: number;
  /** Non-directory entries not visible below. */
  readonly added: number;
  /** Non-directory entries visible below, replaced. */
  readonly modified: number;
  /** Non-directory entries visible below that this layer hides (whiteouts, opaque folders, a folder replaced by a file). */
  readonly removed: number;
}

export interface HiddenFile {
  readonly path: string;
  /** Bytes of its copies that a container does not see. */
  readonly bytes: number;
  /** Every layer (index, 0 = bottom) storing a regular file at this path, the visible copy's included. */
  readonly layers: readonly number[];
}

/** dive's figures, as dive computes them (see diveFigures). */
export interface DiveFigures {
  readonly efficiency: number;
  readonly wastedBytes: number;
  readonly userWastedPercent: number;
}

export interface StackFigures {
  readonly sizeBytes: number;
  readonly visibleBytes: number;
  readonly hiddenBytes: number;
  readonly efficiency: number;
  readonly layers: readonly LayerFigures[];
  readonly largestHidden: readonly HiddenFile[];
  readonly dive: DiveFigures;
}

/** How a layer changes one non-folder path: what its file tree marks. */
export type LayerChange = 'added' | 'modified' | 'removed';

export interface StackOptions {
  /** How many of the largest hidden files to list (10). */
  readonly largest?: number;
  /** Told of every non-folder change, layer by layer; `entry` is the layer's own, or for `removed` the one hidden. */
  readonly observe?: (layer: number, path: string, change: LayerChange, entry: LayerEntry | undefined, below?: number) => void;
}

/** A node of the stacked tree: what a container sees at a path, and which layer put it there. */
interface Node {
  entry?: LayerEntry;
  layer: number;
  /** Where `entry` is in its layer's entries (regular files only, -1 otherwise): how its visibility is marked. */
  at: number;
  children?: Map<string, Node>;
}

/** Entries handled between two chances to pause, when stacked in steps. */
const STEP = 1000;

/**
 * Stacks layers as the union mount does (bottom-up; in each layer whiteouts and
 * opaque markers hide what is below, then its entries are laid on top) and computes
 * the figures issue 12 defines, with dive's beside them. One pass over the entries,
 * with a tree of the visible paths: linear in the number of entries.
 */
export function stackLayers(layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>, options: StackOptions = {}): StackFigures {
  return runToEnd(stackSteps(layers, options));
}

/** stackLayers in steps (it yields every thousand entries or so), for work that must let the extension host breathe (runInSlices). */
export function* stackSteps(layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>, options: StackOptions = {}): Generator<void, StackFigures> {
  const largest = options.largest ?? 10;
  const dive = new DivePaths();
  const { root, figures } = yield* stackTree(layers, options.observe, dive);
  // Which regular files a container sees, marked per entries list (a layer an export holds twice is one list, as its entries were one set of objects before).
  const visible = new Map<readonly LayerEntry[], Uint8Array>();
  for (const { entries } of layers) if (!visible.has(entries)) visible.set(entries, new Uint8Array(entries.length));
  markVisible(root, layers, visible);
  let sizeBytes = 0;
  let visibleBytes = 0;
  const hiddenByPath = new Map<string, { bytes: number; layers: number[] }>();
  let done = 0;
  for (let layer = 0; layer < layers.length; layer++) {
    const { entries } = layers[layer];
    const seen = visible.get(entries)!;
    for (let i = 0; i < entries.length; i++) {
      if (++done % STEP === 0) yield;
      const e = entries[i];
      if (e.kind !== 'file') continue;
      sizeBytes += e.size;
      if (seen[i] === 1) {
        visibleBytes += e.size;
        continue;
      }
      const h = hiddenByPath.get(e.path) ?? { bytes: 0, layers: [] };
      h.bytes += e.size;
      if (h.layers[h.layers.length - 1] !== layer) h.layers.push(layer);
      hiddenByPath.set(e.path, h);
    }
  }
  const largestHidden = [...hiddenByPath]
    .sort((a, b) => b[1].bytes - a[1].bytes || (a[0] < b[0] ? -1 : 1))
    .slice(0, largest)
    .map(([path, h]) => {
      const top = find(root, path).node;
      const layersOf = top?.entry?.kind === 'file' && !h.layers.includes(top.layer) ? [...h.layers, top.layer].sort((a, b) => a - b) : h.layers;
      return { path, bytes: h.bytes, layers: layersOf };
    });
  const hiddenBytes = sizeBytes - visibleBytes;
  return {
    sizeBytes,
    visibleBytes,
    hiddenBytes,
    efficiency: sizeBytes === 0 ? 1 : visibleBytes / sizeBytes,
    layers: figures,
    largestHidden,
    dive: diveFigures(dive, figures),
  };
}

/**
 * Only what `observe` is told of each layer's changes, in steps: the stacking without
 * the figures that need every layer (a layer's file tree asks no more).
 */
export function* observeSteps(layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>, observe: NonNullable<StackOptions['observe']>): Generator<void, void> {
  yield* stackTree(layers, observe);
}

function* stackTree(
  layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>,
  observe: StackOptions['observe'],
  dive?: DivePaths,
): Generator<void, { root: Node; figures: LayerFigures[] }> {
  const root: Node = { layer: -1, at: -1, children: new Map() };
  const figures: LayerFigures[] = [];
  let done = 0;
  for (let layer = 0; layer < layers.length; layer++) {
    const { entries } = layers[layer];
    // Paths visible below that this layer hid; one it then provides again was modified, not removed.
    const hidden = new Map<string, Node>();
    const hideBelow = (path: string, node: Node) => forEachNonDir(path, node, layer, (p, hiddenNode) => hidden.set(p, hiddenNode));
    let sizeBytes = 0;
    let added = 0;
    let modified = 0;
    const whiteoutBytes = new Map<string, number>();

    for (const e of entries) {
      if (e.kind === 'whiteout') {
        const { parent, node } = find(root, e.path);
        whiteoutBytes.set(e.path, node?.children ? regularBytes(node) : 0);
        if (parent && node && node.layer < layer) {
          hideBelow(e.path, node);
          parent.children!.delete(baseName(e.path));
        }
      } else if (e.kind === 'opaque') {
        const { node } = find(root, e.path);
        if (node?.children) {
          for (const [name, child] of node.children) {
            if (child.layer < layer) {
              hideBelow(join(e.path, name), child);
              node.children.delete(name);
            }
          }
        }
      }
    }

    // The folder the last entry went in: a tar lists a folder's entries together, so most
    // entries skip the walk from the root (and its slices and lookups). Dropped when a
    // folder is replaced, which may take it out of the tree.
    let lastFolder: string | undefined;
    let lastNode = root;
    for (let i = 0; i < entries.length; i++) {
      if (++done % STEP === 0) yield;
      const e = entries[i];
      if (e.kind === 'whiteout' || e.kind === 'opaque' || e.path === '') continue;
      sizeBytes += e.size;
      const slash = e.path.lastIndexOf('/');
      let parent: Node;
      if (slash < 0) parent = root;
      else if (inFolder(e.path, slash, lastFolder)) parent = lastNode;
      else {
        parent = ensureFolder(root, e.path, layer, hideBelow);
        lastFolder = e.path.slice(0, slash);
        lastNode = parent;
      }
      const name = e.path.slice(slash + 1);
      const existing = parent.children!.get(name);
      const isDir = e.kind === 'dir';
      if (existing && isDir && existing.children) {
        existing.entry = e;
        existing.layer = layer;
        continue;
      }
      if (existing && isDir && existing.layer < layer) hidden.set(e.path, existing);
      if (!isDir) {
        // Most layers hide nothing: two lookups of a long key per entry saved.
        const below = existing !== undefined && existing.layer < layer ? existing : hidden.size > 0 ? hidden.get(e.path) : undefined;
        if (hidden.size > 0) hidden.delete(e.path);
        if (below) {
          modified++;
          observe?.(layer, e.path, 'modified', e, below.layer);
        } else if (!existing) {
          added++;
          observe?.(layer, e.path, 'added', e);
        }
      }
      if (existing?.children) {
        hideBelow(e.path, existing);
        lastFolder = undefined;
      }
      parent.children!.set(name, isDir ? { entry: e, layer, at: -1, children: new Map() } : { entry: e, layer, at: e.kind === 'file' ? i : -1 });
    }
    figures.push({ sizeBytes, added, modified, removed: hidden.size });
    if (observe) for (const [path, node] of hidden) observe(layer, path, 'removed', node.entry, node.layer);
    if (dive) {
      addDiveLeaves(dive, entries, whiteoutBytes, layer);
      yield;
    }
  }
  return { root, figures };
}

/**
 * dive's figures, after wagoodman/dive's dive/filetree/efficiency.go (Efficiency) and
 * dive/image/docker/image.go (Analyze), computed here in one pass rather than by
 * re-stacking. Over the leaves of each layer's own tree (entries with nothing below
 * them in that layer; a whiteout is a leaf at the path it hides, an opaque marker
 * is not read at all): each path's sum and smallest size. A whiteout counts the
 * bytes of the folder it hides and 0 when it hides a file (dive reads only folders
 * there). The score is the sum of the smallest sizes over the sum of the sums (1
 * when 0); wasted bytes the sum of the sums of paths seen in two layers or more,
 * visible copy included; userWastedPercent that over the size of every layer but
 * the bottom one (0 here when those layers are empty, where dive divides by 0).
 */
function diveFigures(paths: DivePaths, layers: readonly LayerFigures[]): DiveFigures {
  const { min, cumulative, wasted: wastedBytes } = paths.totals();
  const userBytes = layers.slice(1).reduce((sum, l) => sum + l.sizeBytes, 0);
  return {
    efficiency: cumulative === 0 ? 1 : min / cumulative,
    wastedBytes,
    userWastedPercent: userBytes === 0 ? 0 : wastedBytes / userBytes,
  };
}

function addDiveLeaves(dive: DivePaths, entries: readonly LayerEntry[], whiteoutBytes: ReadonlyMap<string, number>, layer: number): void {
  // Folders with something below them in this layer. An opaque marker's path is its
  // folder, which dive creates (so it may be a leaf) though it never adds the marker.
  const inner = new Set<string>();
  // The previous entry's folder, in `inner` already with its own: most entries share it.
  let last: string | undefined;
  for (const e of entries) {
    const slash = e.path.lastIndexOf('/');
    if (slash < 0 || inFolder(e.path, slash, last)) continue;
    last = e.path.slice(0, slash);
    for (let p = last; p !== '' && !inner.has(p); p = parentOf(p)) inner.add(p);
  }
  // Walked from the last entry, so the one dive keeps is the one counted.
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.path === '' || inner.has(e.path)) continue;
    dive.visit(e.path, e.kind === 'whiteout' ? (whiteoutBytes.get(e.path) ?? 0) : e.kind === 'opaque' ? 0 : e.size, layer);
  }
}

function find(root: Node, path: string): { parent?: Node; node?: Node } {
  let parent: Node | undefined;
  let node: Node | undefined = root;
  if (path === '') return { node: root };
  for (const part of path.split('/')) {
    parent = node;
    node = node?.children?.get(part);
    if (!node) return { parent };
  }
  return { parent, node };
}

/** The folder `path` goes in, made where missing; a non-folder in the way is replaced (and what it was, hidden). */
function ensureFolder(root: Node, path: string, layer: number, hideBelow: (path: string, node: Node) => void): Node {
  let node = root;
  let start = 0;
  // Walked by index, the folder's own path made only when something is hidden: a split and a joined path per entry cost more than the rest of the stacking (profiled).
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
    const name = path.slice(start, slash);
    start = slash + 1;
    let child = node.children!.get(name);
    if (!child || !child.children) {
      if (child && child.layer < layer) hideBelow(path.slice(0, slash), child);
      child = { layer, at: -1, children: new Map() };
      node.children!.set(name, child);
    }
    node = child;
  }
  return node;
}

/** Marks every regular file of the stacked tree visible, where its layer's entries list it. */
function markVisible(node: Node, layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>, visible: ReadonlyMap<readonly LayerEntry[], Uint8Array>): void {
  if (!node.children) {
    if (node.at >= 0) visible.get(layers[node.layer].entries)![node.at] = 1;
    return;
  }
  for (const child of node.children.values()) markVisible(child, layers, visible);
}

function forEachNonDir(path: string, node: Node, layer: number, fn: (path: string, node: Node) => void): void {
  if (!node.children) {
    if (node.layer < layer) fn(path, node);
    return;
  }
  for (const [name, child] of node.children) forEachNonDir(join(path, name), child, layer, fn);
}

function regularBytes(node: Node): number {
  if (!node.children) return node.entry?.kind === 'file' ? node.entry.size : 0;
  let sum = 0;
  for (const child of node.children.values()) sum += regularBytes(child);
  return sum;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
