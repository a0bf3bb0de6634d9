import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerIndexCache } from './LayerIndexCache';
import { SNAPSHOT_MAGIC, TRAILER_BYTES, TreeSnapshot, type SnapshotCodec } from './TreeSnapshot';

/** Bytes gathered before one write: a tree of many small folders is not written block by block. */
const FLUSH = 1 << 20;
/** Nodes encoded between two chances to pause. */
const STEP = 1000;

/**
 * Trees computed from a stack of layers (an image's stacked filesystem, a layer's file
 * tree), kept on disk beside the layer indexes, in the same bounded folder, keyed by
 * what they are computed from: the kind, the codec's version and the diff IDs bottom-up.
 * Opening the same image again then reads the first rows from a few small blocks
 * instead of every layer's index (TreeSnapshot). Written beside and renamed into place.
 */
export class TreeSnapshotStore {
  constructor(private readonly cache: LayerIndexCache) {}

  file(kind: string, version: number, diffIds: readonly string[]): string {
    return join(this.cache.dir, `t${version}-${kind}-${this.key(kind, diffIds)}.tree`);
  }

  private key(kind: string, diffIds: readonly string[]): string {
    return createHash('sha256').update(`${kind}\n${diffIds.join('\n')}`).digest('hex');
  }

  /** The stored tree of this kind for these layers, or undefined when absent, stale or damaged. */
  open<T>(kind: string, diffIds: readonly string[], codec: SnapshotCodec<T>): Promise<TreeSnapshot<T> | undefined> {
    return TreeSnapshot.open(this.file(kind, codec.version, diffIds), this.key(kind, diffIds), codec).then(async (s) => {
      if (s) await this.cache.touch(this.file(kind, codec.version, diffIds));
      return s;
    });
  }

  async remove(kind: string, diffIds: readonly string[], version: number): Promise<void> {
    await unlink(this.file(kind, version, diffIds)).catch(() => {});
  }

  /** Stores `root`, folder by folder (children before their parent, the root in the footer), calling `pause` now and then. */
  async write<T>(kind: string, diffIds: readonly string[], root: T, codec: SnapshotCodec<T>, pause?: () => Promise<void>): Promise<void> {
    await mkdir(this.cache.dir, { recursive: true });
    const file = this.file(kind, codec.version, diffIds);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
    const nonce = randomBytes(8).toString('hex');
    const handle = await open(temp, 'w');
    let written = 0;
    try {
      let offset = 0;
      let chunks: Buffer[] = [];
      let gathered = 0;
      let since = 0;
      const flush = async () => {
        if (!chunks.length) return;
        const data = Buffer.concat(chunks, gathered);
        chunks = [];
        gathered = 0;
        await handle.write(data, 0, data.length, written);
        written += data.length;
      };
      const append = async (text: string): Promise<readonly [number, number]> => {
        const data = Buffer.from(text, 'utf8');
        const at = [offset, data.length] as const;
        chunks.push(data);
        gathered += data.length;
        offset += data.length;
        if (gathered >= FLUSH) await flush();
        return at;
      };
      // Iterative post-order (children before their folder), so a deep tree does not deepen the stack.
      type Frame = { node: T; kids: readonly T[]; next: number; items: unknown[] };
      const frame = (node: T): Frame => ({ node, kids: codec.children(node) ?? [], next: 0, items: [nonce] });
      const stack: Frame[] = [frame(root)];
      let rootItem: unknown;
      while (stack.length) {
        const top = stack[stack.length - 1];
        if (top.next < top.kids.length) {
          const child = top.kids[top.next++];
          if (pause && ++since % STEP === 0) await pause();
          if (codec.children(child)) stack.push(frame(child));
          else top.items.push([codec.encode(child), 0]);
          continue;
        }
        stack.pop();
        const at = await append(JSON.stringify(top.items));
        const done = [codec.encode(top.node), at];
        if (stack.length) stack[stack.length - 1].items.push(done);
        else rootItem = done;
      }
      await flush();
      const footer = Buffer.from(JSON.stringify({ version: codec.version, key: this.key(kind, diffIds), nonce, root: rootItem }), 'utf8');
      const trailer = Buffer.alloc(TRAILER_BYTES);
      trailer.write(SNAPSHOT_MAGIC, 0, 'latin1');
      trailer.writeUInt32BE(footer.length, SNAPSHOT_MAGIC.length);
      await handle.write(Buffer.concat([footer, trailer]), 0, footer.length + TRAILER_BYTES, written);
    } catch (err) {
      await handle.close();
      await unlink(temp).catch(() => {});
      throw err;
    }
    await handle.close();
    await rename(temp, file);
    await this.cache.trim();
  }
}
