import type { TarEntry } from '../images/TarWalker';
import type { LayerEntry, LayerEntryKind } from './LayerEntry';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** A tar entry of a layer as the union mount reads it (whiteouts turned into what they hide). */
export function layerEntryFrom(entry: TarEntry): LayerEntry {
  const path = entry.name.replace(/^\/+/, '').replace(/\/+$/, '');
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  let kind: LayerEntryKind = KINDS[entry.type] ?? 'other';
  let target = path;
  if (base.startsWith(WHITEOUT)) {
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

const KINDS: Record<string, LayerEntryKind> = { '0': 'file', '7': 'file', '5': 'dir', '2': 'symlink', '1': 'hardlink' };
