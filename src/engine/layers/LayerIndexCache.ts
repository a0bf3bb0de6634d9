import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerEntry } from './LayerEntry';

const DIFF_ID = /^sha256:([0-9a-f]{64})$/;
/** Bumped when the stored form changes: older files are then simply not found. */
const VERSION = 1;

/**
 * Layer indexes on disk, one file per diff ID, so a layer shared by many images (and
 * every image opened again) is read from the export once. Bounded: past `maxBytes`
 * the least recently used files go. Files are written beside and renamed into place,
 * so a reader never sees half of one; anything unreadable counts as absent. Writes
 * only inside `dir`.
 */
export class LayerIndexCache {
  constructor(
    readonly dir: string,
    readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  private file(diffId: string): string | undefined {
    const m = DIFF_ID.exec(diffId);
    return m ? join(this.dir, `v${VERSION}-${m[1]}.json`) : undefined;
  }

  async get(diffId: string): Promise<LayerEntry[] | undefined> {
    const file = this.file(diffId);
    if (!file) return undefined;
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { diffId?: string; entries?: LayerEntry[] };
      if (parsed.diffId !== diffId || !Array.isArray(parsed.entries)) return undefined;
      await this.touch(file);
      return parsed.entries;
    } catch {
      return undefined;
    }
  }

  async put(diffId: string, entries: readonly LayerEntry[]): Promise<void> {
    const file = this.file(diffId);
    if (!file) return;
    await mkdir(this.dir, { recursive: true });
    const temp = `${file}.${process.pid}.partial`;
    await writeFile(temp, JSON.stringify({ diffId, entries }));
    await rename(temp, file);
    await this.trim();
  }

  /** Marks a file of this folder as just used, for the bound's order. */
  async touch(file: string): Promise<void> {
    const now = new Date();
    await utimes(file, now, now).catch(() => {});
  }

  /** Removes the least recently used files (indexes, and the trees TreeSnapshotStore keeps beside them) until the folder is within its bound. */
  async trim(): Promise<void> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => /^(v\d+-[0-9a-f]{64}\.json|t\d+-[a-z]+-[0-9a-f]{64}\.tree)$/.test(n));
    const files = (await Promise.all(names.map(async (n) => ({ path: join(this.dir, n), info: await stat(join(this.dir, n)).catch(() => undefined) })))).filter(
      (f): f is { path: string; info: NonNullable<typeof f.info> } => f.info !== undefined,
    );
    let total = files.reduce((sum, f) => sum + f.info.size, 0);
    files.sort((a, b) => a.info.mtimeMs - b.info.mtimeMs);
    for (const f of files) {
      if (total <= this.maxBytes) break;
      await unlink(f.path).catch(() => {});
      total -= f.info.size;
    }
  }
}
