import type { Engine } from '../Engine';
import { containerChanges } from '../containerChanges';
import type { LayerEntry } from '../layers/LayerEntry';
import { statContainerPath, statIsFolder, statIsSymlink } from './openContainerArchive';

/** How many paths are looked at at once: the engine answers each from the mounted filesystem. */
const PARALLEL = 8;

/**
 * A container's writable layer as layer entries, to stack over its image's layers: the
 * engine's change list (`docker diff`), a deleted path becoming a whiteout, and each
 * added or changed path looked at (`HEAD …/archive`) for its kind, size, mode and link
 * target. A path gone between the two answers (the container is running) is left out.
 */
export async function readWritableLayer(engine: Engine, container: string): Promise<LayerEntry[]> {
  const changes = await containerChanges(engine, container);
  const out: Array<LayerEntry | undefined> = new Array(changes.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < changes.length; i = next++) {
      const c = changes[i];
      const path = c.path.replace(/^\/+/, '');
      if (c.kind === 'deleted') {
        out[i] = { path, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 };
        continue;
      }
      const stat = await statContainerPath(engine, container, c.path).catch(() => undefined);
      if (!stat) continue;
      const kind = statIsFolder(stat) ? 'dir' : statIsSymlink(stat) ? 'symlink' : 'file';
      const entry: LayerEntry = { path, kind, size: kind === 'file' ? stat.size : 0, mode: stat.mode & 0o777, uid: 0, gid: 0 };
      out[i] = kind === 'symlink' ? { ...entry, link: stat.linkTarget } : entry;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, changes.length) }, worker));
  return out.filter((e): e is LayerEntry => e !== undefined);
}
