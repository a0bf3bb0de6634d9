import type { LayerEntry, LayerEntryKind } from '../../engine/layers/LayerEntry';
import { runInSlices, runToEnd, type Slicing } from '../runInSlices';

/** A copy of a non-folder that a layer stores. */
export interface StoredCopy {
  readonly entry: LayerEntry;
  /** The layer (0 = bottom) whose tar holds it. */
  readonly layer: number;
  /** The layer that overwrote or removed it, once it is hidden. */
  by?: number;
  /** A hard link's target, as the same layer stores it (a tar's hard links point inside the tar). */
  readonly target?: LayerEntry;
}

/** What the image filesystem view can be narrowed to: `all` is what a container sees. */
export type FsFilter = 'all' | 'added' | 'modified' | 'removed' | 'hidden';
export const FS_FILTERS: readonly FsFilter[] = ['all', 'added', 'modified', 'removed', 'hidden'];

/** Per filter (in FS_FILTERS order): how many non-folders at or beneath a folder match, then their regular files' bytes. */
type FsTally = Float64Array;
const AT: Record<FsFilter, number> = { all: 0, added: 1, modified: 2, removed: 3, hidden: 4 };

/**
 * A path of the image's stacked filesystem, and of every path a layer ever stored there:
 * what a container sees (`visible`), or, for a path a layer above removed, the ghost of
 * what was there, kept so that what is stored but not seen can still be reached.
 */
export interface FsNode {
  readonly name: string;
  /** From the image's root, without a leading `/`. */
  readonly path: string;
  /** Whether a container of the image sees this path. */
  visible: boolean;
  /** Seen as a folder (or, for a ghost, last seen as one). */
  folder: boolean;
  /** A folder's entry (absent when no layer names it, only paths beneath it). */
  dirEntry?: LayerEntry;
  /** The layer the visible version comes from (for a folder: the last that names it or made it). */
  layer: number;
  /** A visible non-folder: whether its layer added it (nothing visible below) or replaced what was. */
  change?: 'added' | 'modified';
  /** A ghost: the layer that removed it. */
  removedBy?: number;
  /** The non-folder visible (for a ghost: the one last visible), with the layer storing it. */
  current?: StoredCopy;
  /** Every non-folder stored at this path and hidden since (overwritten or removed above), bottom-up. */
  readonly hidden: StoredCopy[];
  /** Folders first, then by name (UTF-16 order); both visible paths and ghosts. */
  children?: FsNode[];
  /** Folders (and ghosts of them): per filter, over this node and everything beneath it (see tallyOf). */
  tally?: FsTally;
  /** One bit per filter (FS_FILTERS order): whether this node gives a row under it, so paging a huge folder tests a bit per child. */
  marks?: number;
}

interface Building extends Omit<FsNode, 'children'> {
  childMap?: Map<string, Building>;
  children?: FsNode[];
}

/** Entries (or a folder's children) handled between two chances to pause in the sliced build. */
const STEP = 500;

/**
 * The image's filesystem as the union mount stacks its layers (bottom-up; a layer's
 * whiteouts and opaque markers hide what is below, then its entries are laid on top,
 * the rules of stackLayers), keeping every copy a layer stored: each visible path says
 * which layer it comes from and whether that layer added or modified it; each path
 * removed above stays as a ghost; each copy overwritten or removed is listed where it was.
 */
export function imageFileSystem(layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>): FsNode {
  return runToEnd(buildSteps(layers));
}

/** The same, built in slices of `slicing.sliceMs`, so a 300,000-entry image never holds the extension host for long. */
export async function imageFileSystemInSlices(layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>, slicing: Slicing): Promise<FsNode> {
  return runInSlices(buildSteps(layers), slicing);
}

function* buildSteps(layers: ReadonlyArray<{ readonly entries: readonly LayerEntry[] }>): Generator<void, FsNode> {
  const root = slot('', '');
  root.visible = true;
  root.folder = true;
  root.layer = -1;
  root.childMap = new Map();
  let done = 0;
  for (let layer = 0; layer < layers.length; layer++) {
    const entries = layers[layer].entries;
    // Paths visible below that this layer's whiteouts hid: one it then provides again was modified, not removed.
    const hiddenHere = new Set<Building>();
    const hide = (node: Building) => hideTree(node, layer, hiddenHere);
    for (const e of entries) {
      if (e.kind === 'whiteout') {
        const node = find(root, e.path);
        if (node?.visible && node.layer < layer) hide(node);
      } else if (e.kind === 'opaque') {
        const node = find(root, e.path);
        if (node?.visible && node.folder) for (const child of node.childMap?.values() ?? []) if (child.visible && child.layer < layer) hide(child);
      }
    }
    const filesHere = new Map<string, LayerEntry>();
    for (const e of entries) {
      if (++done % STEP === 0) yield;
      if (e.kind === 'whiteout' || e.kind === 'opaque' || e.path === '') continue;
      const parent = ensureFolder(root, e.path, layer, hide);
      const name = e.path.slice(e.path.lastIndexOf('/') + 1);
      let node = parent.childMap!.get(name);
      if (!node) parent.childMap!.set(name, (node = slot(name, e.path)));
      if (e.kind === 'dir') {
        if (node.visible && !node.folder) hide(node);
        showFolder(node, layer, e);
        continue;
      }
      if (e.kind === 'file') filesHere.set(e.path, e);
      const sameLayer = node.visible && node.layer === layer && !node.folder;
      const below = (node.visible && node.layer < layer) || hiddenHere.has(node);
      if (node.visible) hide(node);
      const copy: StoredCopy = { entry: e, layer, target: e.kind === 'hardlink' && e.link !== undefined ? filesHere.get(e.link.replace(/^\/+/, '')) : undefined };
      node.change = sameLayer ? node.change : below ? 'modified' : 'added';
      node.visible = true;
      node.folder = false;
      node.dirEntry = undefined;
      node.layer = layer;
      node.removedBy = undefined;
      node.current = copy;
    }
  }
  yield* finish(root);
  return root as FsNode;
}

/** Makes `node` the visible folder of `layer` (its own tar entry, or implied by a path beneath it). */
function showFolder(node: Building, layer: number, dirEntry: LayerEntry | undefined): void {
  node.visible = true;
  node.folder = true;
  node.dirEntry = dirEntry;
  node.layer = layer;
  node.change = undefined;
  node.removedBy = undefined;
  node.current = undefined;
}

function slot(name: string, path: string): Building {
  return { name, path, visible: false, folder: false, layer: -1, hidden: [] };
}

/** How many non-folders at or beneath `node` match `filter`, and their regular files' bytes. */
export function tallyOf(node: FsNode, filter: FsFilter): { count: number; bytes: number } {
  if (node.tally) return { count: node.tally[AT[filter]], bytes: node.tally[5 + AT[filter]] };
  return { count: selfCount(node, filter), bytes: selfBytes(node, filter) };
}

/** Hides a visible path and what is visible beneath it: its non-folder copy goes to the hidden ones. */
function hideTree(node: Building, layer: number, hiddenHere: Set<Building>): void {
  if (!node.visible) return;
  node.visible = false;
  node.removedBy = layer;
  hiddenHere.add(node);
  if (node.current && !node.folder) {
    node.current.by = layer;
    node.hidden.push(node.current);
  }
  if (node.folder) for (const child of node.childMap?.values() ?? []) hideTree(child, layer, hiddenHere);
}

function find(root: Building, path: string): Building | undefined {
  if (path === '') return root;
  let node: Building | undefined = root;
  for (const part of path.split('/')) {
    node = node.childMap?.get(part);
    if (!node) return undefined;
  }
  return node;
}

/** The folder `path` goes in, made visible where it is not; a non-folder in the way is hidden. */
function ensureFolder(root: Building, path: string, layer: number, hide: (node: Building) => void): Building {
  let node = root;
  let start = 0;
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
    const name = path.slice(start, slash);
    start = slash + 1;
    node.childMap ??= new Map();
    let child = node.childMap.get(name);
    if (!child) node.childMap.set(name, (child = slot(name, path.slice(0, slash))));
    if (!child.visible || !child.folder) {
      if (child.visible) hide(child);
      showFolder(child, layer, undefined);
    }
    node = child;
  }
  node.childMap ??= new Map();
  return node;
}

/** Sorts each folder's children and adds up the tallies, post-order, pausing between folders. */
function* finish(root: Building): Generator<void> {
  const stack: Array<{ node: Building; entered: boolean }> = [{ node: root, entered: false }];
  let since = 0;
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (!top.entered) {
      top.entered = true;
      for (const child of top.node.childMap?.values() ?? []) stack.push({ node: child, entered: false });
      continue;
    }
    stack.pop();
    const node = top.node;
    if (!node.childMap) node.marks = selfMarks(node as FsNode);
    if (node.childMap) {
      const t = (node.tally = new Float64Array(10));
      addSelf(t, node as FsNode);
      const folders: Building[] = [];
      const files: Building[] = [];
      for (const child of node.childMap.values()) {
        (folderish(child) ? folders : files).push(child);
        if (child.tally) for (let i = 0; i < 10; i++) t[i] += child.tally[i];
        else addSelf(t, child as FsNode);
        if (++since >= STEP) {
          since = 0;
          yield;
        }
      }
      // A sort is one step: 50,000 names take about 10 ms.
      folders.sort(byName);
      yield;
      files.sort(byName);
      const children = folders.concat(files);
      node.children = children as FsNode[];
      delete node.childMap;
      let marks = node.visible ? 1 : 0;
      for (let i = 1; i < FS_FILTERS.length; i++) if (t[i] > 0) marks |= 1 << i;
      node.marks = marks;
    }
    if (++since >= STEP) {
      since = 0;
      yield;
    }
  }
}

/** A folder, or the ghost of one. */
function folderish(n: Building): boolean {
  return n.folder || (!n.visible && n.current === undefined && (n.childMap ?? n.children) !== undefined);
}

function addSelf(t: FsTally, node: FsNode): void {
  for (const f of FS_FILTERS) {
    const count = selfCount(node, f);
    if (count === 0) continue;
    t[AT[f]] += count;
    t[5 + AT[f]] += selfBytes(node, f);
  }
}

function byName(a: Building, b: Building): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** One row of the filesystem view: a path, or (in the `hidden` view) one hidden copy stored at it. */
export interface FsRow {
  readonly node: FsNode;
  /** The `hidden` view: the copy this row stands for. */
  readonly copy?: StoredCopy;
  /** Whether the row expands (a folder with matching rows beneath). */
  readonly folder: boolean;
  /** The kind shown: the visible, ghost or hidden copy's, or `dir`. */
  readonly kind: LayerEntryKind;
  /** A file's bytes, a folder's: the matching regular files' beneath. */
  readonly bytes: number;
}

/**
 * The rows of a folder under a filter: `all` the visible paths; `added` and `modified`
 * the visible non-folders their layer added or modified, `removed` the ghosts of
 * non-folders a layer above removed, `hidden` one row per copy stored but not seen,
 * each with the folders that lead to them. Linear in the folder's children: the
 * tallies say which folders hold a match.
 */
export function fsRows(folder: FsNode, filter: FsFilter, from = 0, to = folder.children?.length ?? 0): FsRow[] {
  const rows: FsRow[] = [];
  const children = folder.children ?? [];
  for (let i = from; i < to; i++) {
    const node = children[i];
    const beneath = node.tally ? node.tally[AT[filter]] - selfCount(node, filter) : 0;
    if (filter === 'all') {
      if (!node.visible) continue;
      if (node.folder) rows.push({ node, folder: true, kind: 'dir', bytes: node.tally?.[5] ?? 0 });
      else rows.push({ node, folder: false, kind: node.current!.entry.kind, bytes: fileBytes(node.current) });
      continue;
    }
    if (beneath > 0) rows.push({ node, folder: true, kind: 'dir', bytes: node.tally![5 + AT[filter]] - selfBytes(node, filter) });
    if (filter === 'hidden') {
      for (const copy of node.hidden) rows.push({ node, copy, folder: false, kind: copy.entry.kind, bytes: fileBytes(copy) });
    } else if (selfCount(node, filter) > 0) {
      rows.push({ node, folder: false, kind: node.current!.entry.kind, bytes: fileBytes(node.current) });
    }
  }
  return rows;
}

/** Whether a child gives any row under `filter`: a cheap test, to page a huge folder without making its rows. */
export function fsMatches(node: FsNode, filter: FsFilter): boolean {
  return ((node.marks ?? 0) & (1 << AT[filter])) !== 0;
}

function selfMarks(node: FsNode): number {
  let marks = node.visible ? 1 : 0;
  for (let i = 1; i < FS_FILTERS.length; i++) if (selfCount(node, FS_FILTERS[i]) > 0) marks |= 1 << i;
  return marks;
}

function selfCount(node: FsNode, filter: FsFilter): number {
  if (filter === 'hidden') return node.hidden.length;
  if (filter === 'removed') return isRemoved(node) ? 1 : 0;
  if (!node.visible || node.folder || !node.current) return 0;
  return filter === 'all' || filter === node.change ? 1 : 0;
}

function selfBytes(node: FsNode, filter: FsFilter): number {
  if (filter === 'hidden') return node.hidden.reduce((sum, c) => sum + fileBytes(c), 0);
  return selfCount(node, filter) > 0 ? fileBytes(node.current) : 0;
}

/** A ghost of a non-folder that a layer above removed (not replaced by a folder). */
function isRemoved(node: { visible: boolean; current?: StoredCopy; removedBy?: number }): boolean {
  return !node.visible && node.current !== undefined && node.removedBy !== undefined;
}

function fileBytes(copy: StoredCopy | undefined): number {
  return copy?.entry.kind === 'file' ? copy.entry.size : 0;
}
