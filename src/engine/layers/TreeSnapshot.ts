import { open } from 'node:fs/promises';

/**
 * How one kind of tree is stored in a snapshot: each node without its children, as
 * compact JSON, and back. `decode` gets the parent (already decoded) so that what
 * follows from it (a path) need not be stored, and throws on anything malformed.
 */
export interface SnapshotCodec<T> {
  /** Bumped when the encoding changes: snapshots in an older one are then not found. */
  readonly version: number;
  encode(node: T): unknown;
  decode(data: unknown, parent: T | undefined): T;
  children(node: T): readonly T[] | undefined;
  setChildren(node: T, children: T[]): void;
}

/** Where a folder's children are in the file: byte offset and length of their block. */
type Location = readonly [number, number];

/** The last bytes of a snapshot: this magic, then the footer's length (uint32, big-endian). */
export const SNAPSHOT_MAGIC = 'STWTREE1';
export const TRAILER_BYTES = SNAPSHOT_MAGIC.length + 4;

/**
 * A tree stored on disk folder by folder (TreeSnapshotStore writes it), read lazily:
 * opening reads only the footer (the root); each folder's children are read, in one
 * read of their own block, when `load` asks for them. So the first rows of a 300,000-
 * entry tree cost a few small reads, not the whole tree. Every block starts with the
 * file's nonce, so a file replaced since it was opened reads as damaged, not as
 * another tree's folders; anything damaged throws (the caller rebuilds).
 */
export class TreeSnapshot<T> {
  private readonly unread = new WeakMap<object, Location>();
  private readonly reading = new WeakMap<object, Promise<void>>();

  private constructor(
    private readonly file: string,
    private readonly nonce: string,
    private readonly codec: SnapshotCodec<T>,
    readonly root: T,
  ) {}

  /** The snapshot in `file` if it holds the tree of `key` in the codec's version; undefined when absent, stale or damaged. */
  static async open<T>(file: string, key: string, codec: SnapshotCodec<T>): Promise<TreeSnapshot<T> | undefined> {
    let handle;
    try {
      handle = await open(file, 'r');
    } catch {
      return undefined;
    }
    try {
      const { size } = await handle.stat();
      if (size < TRAILER_BYTES) return undefined;
      const trailer = Buffer.alloc(TRAILER_BYTES);
      await handle.read(trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES);
      if (trailer.toString('latin1', 0, SNAPSHOT_MAGIC.length) !== SNAPSHOT_MAGIC) return undefined;
      const footerBytes = trailer.readUInt32BE(SNAPSHOT_MAGIC.length);
      if (footerBytes > size - TRAILER_BYTES) return undefined;
      const footer = Buffer.alloc(footerBytes);
      await handle.read(footer, 0, footerBytes, size - TRAILER_BYTES - footerBytes);
      const f = JSON.parse(footer.toString('utf8')) as { version?: unknown; key?: unknown; nonce?: unknown; root?: unknown };
      if (f.version !== codec.version || f.key !== key || typeof f.nonce !== 'string' || !Array.isArray(f.root)) return undefined;
      const snapshot = new TreeSnapshot(file, f.nonce, codec, undefined as unknown as T);
      const root = snapshot.decodeOne(f.root, undefined, size);
      (snapshot as { root: T }).root = root;
      return snapshot;
    } catch {
      return undefined;
    } finally {
      await handle.close();
    }
  }

  /** Makes sure `node`'s children are read (a no-op for a node read with them, or a leaf). Throws if the file is gone or damaged. */
  load(node: T): Promise<void> {
    const at = this.unread.get(node as object);
    if (!at) return Promise.resolve();
    let pending = this.reading.get(node as object);
    if (!pending) {
      pending = this.read(node, at).finally(() => this.reading.delete(node as object));
      this.reading.set(node as object, pending);
    }
    return pending;
  }

  private async read(node: T, [offset, length]: Location): Promise<void> {
    const handle = await open(this.file, 'r');
    let block: Buffer;
    let size: number;
    try {
      size = (await handle.stat()).size;
      block = Buffer.alloc(length);
      const { bytesRead } = await handle.read(block, 0, length, offset);
      if (bytesRead !== length) throw new Error(`${this.file}: a folder's block is cut short`);
    } finally {
      await handle.close();
    }
    if (block.toString('latin1', 0, this.nonce.length + 2) !== `["${this.nonce}`) throw new Error(`${this.file}: a folder's block is not this snapshot's`);
    const items = JSON.parse(block.toString('utf8')) as unknown;
    if (!Array.isArray(items)) throw new Error(`${this.file}: a folder's block is not a list`);
    const children: T[] = [];
    for (let i = 1; i < items.length; i++) children.push(this.decodeOne(items[i], node, size));
    this.codec.setChildren(node, children);
    this.unread.delete(node as object);
  }

  /** One `[node, location of its children or 0]` pair. */
  private decodeOne(item: unknown, parent: T | undefined, size: number): T {
    if (!Array.isArray(item) || item.length !== 2) throw new Error(`${this.file}: malformed node`);
    const node = this.codec.decode(item[0], parent);
    const at = item[1] as unknown;
    if (at !== 0) {
      if (!Array.isArray(at) || at.length !== 2 || !Number.isSafeInteger(at[0]) || !Number.isSafeInteger(at[1]) || at[0] < 0 || at[1] < 0 || at[0] + at[1] > size) {
        throw new Error(`${this.file}: malformed folder location`);
      }
      // A folder whose children are not read yet: an empty list until `load` fills it, so it still reads as a folder.
      this.codec.setChildren(node, []);
      this.unread.set(node as object, [at[0], at[1]]);
    }
    return node;
  }
}
