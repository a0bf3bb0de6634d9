import type { LayerEntry, LayerEntryKind } from '../../engine/layers/LayerEntry';
import { runInSlices, runToEnd, type Slicing } from '../runInSlices';
import type { FsNode, StoredCopy } from './imageFileSystem';

/** An image to compare: its stacked filesystem (imageFileSystem) and its layers' diff IDs, bottom-up. */
export interface ComparedImage {
  readonly root: FsNode;
  readonly diffIds: readonly string[];
}

/** Where two images' layer stacks part. */
export interface LayerComparison {
  /** How many bottom layers they share, the same diff IDs in the same order (one stack, one filesystem). */
  readonly shared: number;
  /** Each image's layers above the parting point, bottom-up. */
  readonly onlyA: readonly string[];
  readonly onlyB: readonly string[];
  /** Diff IDs above the parting point that both images hold (the same tar, over other layers). */
  readonly alsoInBoth: readonly string[];
}

export type FileChange = 'added' | 'removed' | 'changed';

/** A path that differs between image A and image B, with the copy each sees. */
export interface DiffNode {
  readonly name: string;
  readonly path: string;
  /** Absent on folders both images have. */
  readonly change?: FileChange;
  readonly folder: boolean;
  readonly a?: StoredCopy;
  readonly b?: StoredCopy;
  /** A changed path: what differs (`size 5 → 11`, `mode`, `kind`, `link`, `owner`, `content`). */
  readonly reasons: readonly string[];
  /** Regular-file bytes each image sees here (a folder: over its differences beneath). */
  bytesA: number;
  bytesB: number;
  /** Folders first, then by name. */
  readonly children?: DiffNode[];
}

export interface ImageComparison {
  readonly layers: LayerComparison;
  readonly files: DiffNode;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/** Compares the layer stacks by diff ID. */
export function compareLayers(a: readonly string[], b: readonly string[]): LayerComparison {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  const onlyA = a.slice(shared);
  const onlyB = b.slice(shared);
  const inB = new Set(onlyB);
  return { shared, onlyA, onlyB, alsoInBoth: onlyA.filter((d) => inB.has(d)) };
}

/**
 * What a container of image B sees that differs from one of image A: paths added,
 * removed, and changed (kind, size, mode, owner or link target; or, same header, a copy
 * from a layer of another diff ID, whose bytes the tar headers cannot tell apart).
 * A copy from a layer with the same diff ID is the same bytes: not a difference. A hard
 * link is compared as the file it links to (what a container sees).
 * Folders hold only their differences. Linear in the two trees.
 */
export function compareImages(a: ComparedImage, b: ComparedImage): ImageComparison {
  return runToEnd(compareSteps(a, b));
}

/** The same, in slices of `slicing.sliceMs`: two 300,000-entry images never hold the extension host for long. */
export async function compareImagesInSlices(a: ComparedImage, b: ComparedImage, slicing: Slicing): Promise<ImageComparison> {
  return runInSlices(compareSteps(a, b), slicing);
}

/** Paths compared between two chances to pause. */
const STEP = 500;

function* compareSteps(a: ComparedImage, b: ComparedImage): Generator<void, ImageComparison> {
  const counts = { added: 0, removed: 0, changed: 0, visited: 0 };
  const files = yield* compareFolder('', '', a, a.root, b, b.root, counts);
  const { added, removed, changed } = counts;
  return { layers: compareLayers(a.diffIds, b.diffIds), files, added, removed, changed };
}

type Counts = { added: number; removed: number; changed: number; visited: number };
type Steps<T> = Generator<void, T>;

function* compareFolder(name: string, path: string, ia: ComparedImage, fa: FsNode | undefined, ib: ComparedImage, fb: FsNode | undefined, counts: Counts): Steps<DiffNode> {
  const change: FileChange | undefined = fa && fb ? undefined : fa ? 'removed' : 'added';
  const children: DiffNode[] = [];
  const byName = new Map<string, FsNode>();
  for (const c of fb?.children ?? []) if (c.visible) byName.set(c.name, c);
  const seen = new Set<string>();
  for (const ca of fa?.children ?? []) {
    if (!ca.visible) continue;
    const cb = fb ? byName.get(ca.name) : undefined;
    seen.add(ca.name);
    const d = yield* comparePath(ia, ca, ib, cb, counts);
    if (d) children.push(d);
  }
  for (const cb of byName.values()) {
    if (seen.has(cb.name)) continue;
    const d = yield* comparePath(ia, undefined, ib, cb, counts);
    if (d) children.push(d);
  }
  children.sort((x, y) => Number(y.folder) - Number(x.folder) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  let bytesA = 0;
  let bytesB = 0;
  for (const c of children) {
    bytesA += c.bytesA;
    bytesB += c.bytesB;
  }
  return { name, path, change, folder: true, reasons: [], bytesA, bytesB, children };
}

function* comparePath(ia: ComparedImage, na: FsNode | undefined, ib: ComparedImage, nb: FsNode | undefined, counts: Counts): Steps<DiffNode | undefined> {
  if (++counts.visited % STEP === 0) yield;
  const node = (na ?? nb)!;
  const folderA = na?.folder === true;
  const folderB = nb?.folder === true;
  if ((folderA || !na) && (folderB || !nb)) {
    const d = yield* compareFolder(node.name, node.path, ia, na, ib, nb, counts);
    return d.children!.length || d.change ? d : undefined;
  }
  if (!na || !nb || folderA || folderB) {
    // One side is missing or a folder: the other's non-folder is added or removed (a folder on the other side, listed as it is).
    const a = folderA ? undefined : na?.current;
    const b = folderB ? undefined : nb?.current;
    if (folderA || folderB) {
      counts.changed++;
      const inner = yield* compareFolder(node.name, node.path, ia, folderA ? na : undefined, ib, folderB ? nb : undefined, counts);
      return { ...inner, change: 'changed', a, b, reasons: [folderA ? 'folder → ' + kindName(b!.entry.kind) : kindName(a!.entry.kind) + ' → folder'], bytesA: inner.bytesA + bytes(a), bytesB: inner.bytesB + bytes(b) };
    }
    const change: FileChange = na ? 'removed' : 'added';
    counts[change]++;
    return { name: node.name, path: node.path, change, folder: false, a, b, reasons: [], bytesA: bytes(a), bytesB: bytes(b) };
  }
  const a = na.current!;
  const b = nb.current!;
  if (ia.diffIds[a.layer] === ib.diffIds[b.layer]) return undefined;
  const ea = asSeen(a);
  const eb = asSeen(b);
  const reasons: string[] = [];
  if (ea.kind !== eb.kind) reasons.push(`${kindName(ea.kind)} → ${kindName(eb.kind)}`);
  if (ea.size !== eb.size) reasons.push(`size ${ea.size} → ${eb.size}`);
  if ((ea.mode & 0o7777) !== (eb.mode & 0o7777)) reasons.push(`mode ${octal(ea.mode)} → ${octal(eb.mode)}`);
  if (ea.uid !== eb.uid || ea.gid !== eb.gid) reasons.push(`owner ${ea.uid}:${ea.gid} → ${eb.uid}:${eb.gid}`);
  if (ea.link !== eb.link) reasons.push(`link ${ea.link ?? '-'} → ${eb.link ?? '-'}`);
  if (!reasons.length) reasons.push(ea.kind === 'file' ? 'content (another layer stores it; same header)' : 'another layer stores it');
  counts.changed++;
  return { name: node.name, path: node.path, change: 'changed', folder: false, a, b, reasons, bytesA: bytes(a), bytesB: bytes(b) };
}

/** A hard link is seen by a container as the file it links to: compared, and counted, as that file. */
function asSeen(c: StoredCopy): LayerEntry {
  return c.entry.kind === 'hardlink' && c.target ? { ...c.entry, kind: 'file', size: c.target.size, link: undefined } : c.entry;
}

function bytes(c: StoredCopy | undefined): number {
  if (!c) return 0;
  const e = asSeen(c);
  return e.kind === 'file' ? e.size : 0;
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function kindName(kind: LayerEntryKind): string {
  return kind === 'dir' ? 'folder' : kind;
}
