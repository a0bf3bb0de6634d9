import type { LayerEntry } from './LayerEntry';

/** Whether two entries say the same of a path (what a tar header says; a layer index holds no more). */
export function sameLayerEntry(a: LayerEntry, b: LayerEntry): boolean {
  return a.path === b.path && a.kind === b.kind && a.size === b.size && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid && a.link === b.link;
}
