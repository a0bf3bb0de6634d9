import type { Engine } from '../Engine';
import { containerChanges } from '../containerChanges';
import { TarWalker } from '../images/TarWalker';
import type { LayerEntry } from '../layers/LayerEntry';
import { layerEntryFrom } from '../layers/layerEntryFrom';
import type { FileChange } from '../types';
import { openContainerArchive, statContainerPath, statIsFolder, statIsSymlink } from './openContainerArchive';

/** How many paths are looked at at once: the engine answers each from the mounted filesystem. */
const PARALLEL = 8;
/**
 * A folder with at least this many changed paths beneath it is read as one archive (its
 * tar headers give every entry's kind, size, mode, owner and link) instead of one HEAD per
 * path: 20,000 files written by a container took 16.6 s of HEADs, and 0.8 s as an archive.
 */
const DENSE = 64;
/**
 * The archive carries the files' contents too, which are only passed over: past this many
 * bytes a folder is given up and its dense subfolders are tried one by one, then the rest
 * is looked at path by path. A changed folder such as /usr holds mostly unchanged content.
 */
const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

/**
 * A container's writable layer as layer entries, to stack over its image's layers: the
 * engine's change list (`docker diff`), a deleted path becoming a whiteout, and each
 * added or changed path looked at for its kind, size, mode and link target: dense
 * folders through one archive each, the rest by `HEAD …/archive`. A path gone between
 * the answers (the container is running) is left out.
 */
export async function readWritableLayer(engine: Engine, container: string): Promise<LayerEntry[]> {
  const changes = await containerChanges(engine, container);
  const out: Array<LayerEntry | undefined> = new Array(changes.length);
  const pending = new Map<string, number>();
  changes.forEach((c, i) => {
    if (c.kind === 'deleted') out[i] = { path: c.path.replace(/^\/+/, ''), kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 };
    else pending.set(c.path, i);
  });
  const readFolder = async (folder: DenseFolder): Promise<void> => {
    const whole = await readFolderArchive(engine, container, folder.path, pending, out).catch(() => false);
    if (!whole) for (const inner of folder.inner) await readFolder(inner);
  };
  for (const folder of denseFolders(changes)) await readFolder(folder);
  const rest = [...pending.values()];
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < rest.length; k = next++) {
      const i = rest[k];
      const c = changes[i];
      const path = c.path.replace(/^\/+/, '');
      const stat = await statContainerPath(engine, container, c.path).catch(() => undefined);
      if (!stat) continue;
      const kind = statIsFolder(stat) ? 'dir' : statIsSymlink(stat) ? 'symlink' : 'file';
      const entry: LayerEntry = { path, kind, size: kind === 'file' ? stat.size : 0, mode: stat.mode & 0o777, uid: 0, gid: 0 };
      out[i] = kind === 'symlink' ? { ...entry, link: stat.linkTarget } : entry;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, rest.length) }, worker));
  return out.filter((e): e is LayerEntry => e !== undefined);
}

interface DenseFolder {
  readonly path: string;
  /** The next dense folders beneath, tried when this one is given up. */
  readonly inner: DenseFolder[];
}

/** The changed folders with at least DENSE changed paths beneath them, outermost first. */
export function denseFolders(changes: readonly FileChange[]): DenseFolder[] {
  const looked = changes.filter((c) => c.kind !== 'deleted');
  const changed = new Set(looked.map((c) => c.path));
  const beneath = new Map<string, number>();
  for (const c of looked) {
    for (let slash = c.path.lastIndexOf('/'); slash > 0; slash = c.path.lastIndexOf('/', slash - 1)) {
      const folder = c.path.slice(0, slash);
      if (changed.has(folder)) beneath.set(folder, (beneath.get(folder) ?? 0) + 1);
    }
  }
  const dense = [...beneath].filter(([, n]) => n >= DENSE).map(([path]) => path).sort();
  const roots: DenseFolder[] = [];
  const stack: DenseFolder[] = [];
  for (const path of dense) {
    while (stack.length && !path.startsWith(`${stack[stack.length - 1].path}/`)) stack.pop();
    const folder: DenseFolder = { path, inner: [] };
    (stack.length ? stack[stack.length - 1].inner : roots).push(folder);
    stack.push(folder);
  }
  return roots;
}

/**
 * Reads the tar headers of one folder's archive and fills in the pending paths it holds
 * (others, such as a volume's content, which `docker diff` leaves out, are passed over).
 * False when given up at MAX_ARCHIVE_BYTES; what was read by then is kept.
 */
async function readFolderArchive(engine: Engine, container: string, folder: string, pending: Map<string, number>, out: Array<LayerEntry | undefined>): Promise<boolean> {
  // The archive's names start at the folder's own name: /usr/lib gives lib/, lib/x, ….
  const parent = folder.slice(0, folder.lastIndexOf('/'));
  const { tar } = await openContainerArchive(engine, container, folder, `read the changes under ${folder} in container ${container.slice(0, 12)}`);
  const walker = new TarWalker((entry) => {
    if (entry.type === '1') return; // a hard link's header has no size: looked at path by path
    const path = `${parent}/${entry.name.replace(/\/+$/, '')}`;
    const i = pending.get(path);
    if (i === undefined) return;
    pending.delete(path);
    out[i] = layerEntryFrom({ ...entry, name: path });
  });
  try {
    for await (const chunk of tar as AsyncIterable<Buffer>) {
      walker.write(chunk);
      if (walker.finished) return true;
      if (walker.position > MAX_ARCHIVE_BYTES) return false;
    }
    walker.end();
    return true;
  } finally {
    tar.destroy();
  }
}
