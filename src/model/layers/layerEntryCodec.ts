import type { LayerEntry, LayerEntryKind } from '../../engine/layers/LayerEntry';

const KINDS: readonly LayerEntryKind[] = ['file', 'dir', 'symlink', 'hardlink', 'other', 'whiteout', 'opaque'];

/** A layer entry as a snapshot stores it: `[path or 0 when it is `at`, kind, size, mode, uid, gid, link?]`. */
export function encodeLayerEntry(e: LayerEntry, at: string): unknown[] {
  const data: unknown[] = [e.path === at ? 0 : e.path, KINDS.indexOf(e.kind), e.size, e.mode, e.uid, e.gid];
  if (e.link !== undefined) data.push(e.link);
  return data;
}

/** Back from encodeLayerEntry; throws on anything else. */
export function decodeLayerEntry(data: unknown, at: string): LayerEntry {
  if (!Array.isArray(data) || data.length < 6 || data.length > 7) throw new Error('malformed layer entry');
  const [path, kind, size, mode, uid, gid, link] = data as unknown[];
  if ((path !== 0 && typeof path !== 'string') || typeof kind !== 'number' || !KINDS[kind] || !isCount(size) || !isCount(mode) || !isCount(uid) || !isCount(gid)) {
    throw new Error('malformed layer entry');
  }
  if (link !== undefined && typeof link !== 'string') throw new Error('malformed layer entry');
  const e: { -readonly [K in keyof LayerEntry]: LayerEntry[K] } = { path: path === 0 ? at : path, kind: KINDS[kind], size, mode, uid, gid };
  if (link !== undefined) e.link = link;
  return e;
}

export function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** A child's path from its parent's and its name. */
export function childPath(parent: { readonly path: string } | undefined, name: string): string {
  return !parent ? '' : parent.path === '' ? name : `${parent.path}/${name}`;
}
