import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerEntry } from './LayerEntry';

const DIFF_ID = /^sha256:([0-9a-f]{64})$/;
/** Bumped when the stored form changes: older files are then simply not found. */
const VERSION = 2;
/**
 * Entries per line of a file: one JSON text of 300,000 entries (22.7 MB) took 0.3 s to
 * write and 0.5 s to read in one go, the extension host frozen meanwhile. A line of
 * this many takes a few ms, and the host gets a turn between lines.
 */
const PER_LINE = 2000;
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

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
    return m ? join(this.dir, `v${VERSION}-${m[1]}.jsonl`) : undefined;
  }

  async get(diffId: string): Promise<LayerEntry[] | undefined> {
    const file = this.file(diffId);
    if (!file) return undefined;
    try {
      // A header line ({diffId, count}), then the entries, PER_LINE to a line.
      const text = await readFile(file, 'utf8');
      let nl = text.indexOf('\n');
      const head = JSON.parse(text.slice(0, nl)) as { diffId?: string; count?: number };
      if (head.diffId !== diffId || typeof head.count !== 'number') return undefined;
      const entries: LayerEntry[] = [];
      while (nl >= 0 && nl + 1 < text.length) {
        const next = text.indexOf('\n', nl + 1);
        const line = JSON.parse(text.slice(nl + 1, next < 0 ? undefined : next)) as unknown;
        if (!Array.isArray(line)) return undefined;
        for (const e of line as LayerEntry[]) entries.push(e);
        nl = next;
        await breathe();
      }
      // A file cut short (a full disk, a crash before the rename did not leave one, but a copy might) is absent.
      if (entries.length !== head.count) return undefined;
      await this.touch(file);
      return entries;
    } catch {
      return undefined;
    }
  }

  async put(diffId: string, entries: readonly LayerEntry[]): Promise<void> {
    const file = this.file(diffId);
    if (!file) return;
    await mkdir(this.dir, { recursive: true });
    const temp = `${file}.${process.pid}.partial`;
    const handle = await open(temp, 'w');
    try {
      await handle.write(`${JSON.stringify({ diffId, count: entries.length })}\n`);
      for (let i = 0; i < entries.length; i += PER_LINE) {
        await handle.write(`${JSON.stringify(entries.slice(i, i + PER_LINE))}\n`);
        await breathe();
      }
    } catch (err) {
      await handle.close();
      await unlink(temp).catch(() => {});
      throw err;
    }
    await handle.close();
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
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => /^(v\d+-[0-9a-f]{64}\.jsonl?|t\d+-[a-z]+-[0-9a-f]{64}\.tree)$/.test(n));
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
