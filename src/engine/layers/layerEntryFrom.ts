import type { TarEntry } from '../images/TarWalker';
import type { LayerEntry, LayerEntryKind } from './LayerEntry';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** A tar entry of a layer as the union mount reads it (whiteouts turned into what they hide). */
export function layerEntryFrom(entry: TarEntry): LayerEntry {
  const path = trimSlashes(entry.name);
  const slash = path.lastIndexOf('/');
  let kind: LayerEntryKind = KINDS[entry.type] ?? 'other';
  let target = path;
  // Tested in place: no slice per entry just to find the few whiteouts.
  if (path.startsWith(WHITEOUT, slash + 1)) {
    const base = path.slice(slash + 1);
    if (base === OPAQUE) {
      kind = 'opaque';
      target = slash < 0 ? '' : path.slice(0, slash);
    } else {
      kind = 'whiteout';
      target = (slash < 0 ? '' : path.slice(0, slash + 1)) + base.slice(WHITEOUT.length);
    }
  }
  const out: LayerEntry = {
    path: target,
    kind,
    size: kind === 'file' ? entry.size : 0,
    mode: entry.mode ?? 0,
    uid: entry.uid ?? 0,
    gid: entry.gid ?? 0,
  };
  return entry.link !== undefined && (kind === 'symlink' || kind === 'hardlink') ? { ...out, link: entry.link } : out;
}

/** The name without leading or trailing slashes (a tar names folders `dir/`); the same string when it has none. */
function trimSlashes(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && name.charCodeAt(start) === 0x2f) start++;
  while (end > start && name.charCodeAt(end - 1) === 0x2f) end--;
  return start === 0 && end === name.length ? name : name.slice(start, end);
}

const KINDS: Record<string, LayerEntryKind> = { '0': 'file', '7': 'file', '5': 'dir', '2': 'symlink', '1': 'hardlink' };
