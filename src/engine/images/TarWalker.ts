export interface TarEntry {
  /** Path inside the archive, without a leading `./`. */
  readonly name: string;
  /** The typeflag: `0` file, `5` directory, `2` symlink, … */
  readonly type: string;
  readonly size: number;
  /** Byte offset of the entry's header in the tar stream. */
  readonly offset: number;
}

export class TarFormatError extends Error {
  override name = 'TarFormatError';
  constructor(
    message: string,
    /** Where in the tar stream the problem is. */
    readonly offset: number,
    /** The 512 bytes that should have been a header, when that was the problem. */
    readonly block?: Buffer,
  ) {
    super(message);
  }
}

const BLOCK = 512;
/** Link, symlink, char/block device, directory, FIFO: a header and no content, whatever size says (as Go's reader does). */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);

interface Current {
  entry: TarEntry;
  /** Content being kept (small metadata entries), or undefined when it is just passed over. */
  chunks?: Buffer[];
}

/**
 * Follows a tar stream's structure chunk by chunk without keeping it: headers and
 * checksums, entry sizes, the end-of-archive marker. Content is only counted, and
 * kept for the few entries `keep` asks for (manifest.json, PAX headers). Fed either
 * by a stream (write) or by positional reads that jump over content (skippable/skip),
 * so a 1 GiB plain tar is checked by reading a few kilobytes.
 */
export class TarWalker {
  private offset = 0;
  private readonly block = Buffer.alloc(BLOCK);
  private blockFill = 0;
  private remaining = 0;
  private padding = 0;
  private current?: Current;
  private zeroBlocks = 0;
  private done = false;
  private pax: { path?: string; size?: number } = {};
  private longName?: string;

  constructor(
    private readonly onEntry: (entry: TarEntry, content?: Buffer) => void,
    /** Which entries' content to hand to onEntry; at most `maxKeep` bytes each. */
    private readonly keep: (name: string) => boolean = () => false,
    private readonly maxKeep = 16 * 1024 * 1024,
  ) {}

  /** True once the end-of-archive marker (two zero blocks) has been read. */
  get finished(): boolean {
    return this.done;
  }

  /** Bytes of the tar stream consumed so far. */
  get position(): number {
    return this.offset;
  }

  /** How many of the next bytes are content nobody looks at, and may be skipped unread. */
  skippable(): number {
    if (this.done) return Number.MAX_SAFE_INTEGER;
    if (this.current) return this.current.chunks ? 0 : this.remaining + this.padding;
    return this.padding;
  }

  skip(n: number): void {
    const fromContent = Math.min(n, this.remaining);
    this.remaining -= fromContent;
    this.padding -= n - fromContent;
    this.offset += n;
    if (this.current && this.remaining === 0) this.finishEntry();
  }

  write(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.done) {
        // Anything after the end marker (tar's record padding) is not part of the archive.
        this.offset += chunk.length - i;
        return;
      }
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - i);
        // Copied: positional readers reuse their buffer.
        this.current?.chunks?.push(Buffer.from(chunk.subarray(i, i + n)));
        this.remaining -= n;
        this.offset += n;
        i += n;
        if (this.remaining === 0) this.finishEntry();
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - i);
        this.padding -= n;
        this.offset += n;
        i += n;
        continue;
      }
      const n = Math.min(BLOCK - this.blockFill, chunk.length - i);
      chunk.copy(this.block, this.blockFill, i, i + n);
      this.blockFill += n;
      this.offset += n;
      i += n;
      if (this.blockFill === BLOCK) {
        this.blockFill = 0;
        this.readHeader(this.offset - BLOCK);
      }
    }
  }

  /** Call at the end of the input: throws if the archive stopped short. */
  end(): void {
    if (this.done) return;
    if (this.offset === 0) throw new TarFormatError('it holds no data', 0);
    if (this.remaining > 0 && this.current) {
      throw new TarFormatError(
        `truncated: ${this.current.entry.name} needs ${this.current.entry.size} bytes but the data ends ${this.remaining} bytes short, at byte ${this.offset}`,
        this.offset,
      );
    }
    if (this.blockFill > 0) {
      const partial = Buffer.from(this.block.subarray(0, this.blockFill));
      throw new TarFormatError(`truncated in the middle of a tar header at byte ${this.offset - this.blockFill}`, this.offset - this.blockFill, partial);
    }
    if (this.padding > 0) throw new TarFormatError(`truncated at byte ${this.offset}, inside the padding after an entry`, this.offset);
    // One zero block then the end is accepted (Go's reader does); none means the data stopped early.
    if (this.zeroBlocks === 0) throw new TarFormatError(`truncated: the data stops at byte ${this.offset} without tar's end-of-archive marker`, this.offset);
    this.done = true;
  }

  private readHeader(at: number): void {
    const b = this.block;
    if (b.every((x) => x === 0)) {
      this.zeroBlocks++;
      if (this.zeroBlocks === 2) this.done = true;
      return;
    }
    if (this.zeroBlocks > 0) throw new TarFormatError(`an end-of-archive block at byte ${at - BLOCK} is followed by more data`, at, Buffer.from(b));
    if (!checksumMatches(b)) throw new TarFormatError(`no valid tar header at byte ${at} (checksum mismatch)`, at, Buffer.from(b));

    const type = b[156] === 0 ? '0' : String.fromCharCode(b[156]);
    const rawSize = readNumber(b.subarray(124, 136));
    if (rawSize === null) throw new TarFormatError(`unreadable size in the tar header at byte ${at}`, at, Buffer.from(b));
    let name = readString(b.subarray(0, 100));
    if (b.subarray(257, 262).toString('latin1') === 'ustar') {
      const prefix = readString(b.subarray(345, 500));
      if (prefix) name = `${prefix}/${name}`;
    }
    const isMeta = type === 'x' || type === 'g' || type === 'L' || type === 'K';
    let size = rawSize;
    if (!isMeta) {
      if (this.pax.path !== undefined) name = this.pax.path;
      else if (this.longName !== undefined) name = this.longName;
      if (this.pax.size !== undefined) size = this.pax.size;
      this.pax = {};
      this.longName = undefined;
      if (HEADER_ONLY.has(type)) size = 0;
    }
    name = name.replace(/^(\.\/)+/, '');

    const entry: TarEntry = { name, type, size, offset: at };
    const kept = type === 'x' || type === 'L' || (!isMeta && this.keep(name) && size <= this.maxKeep);
    this.current = { entry, chunks: kept ? [] : undefined };
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.finishEntry();
  }

  private finishEntry(): void {
    const current = this.current!;
    this.current = undefined;
    const content = current.chunks ? Buffer.concat(current.chunks) : undefined;
    const { entry } = current;
    if (entry.type === 'x') {
      this.pax = parsePax(content!, entry.offset);
    } else if (entry.type === 'L') {
      this.longName = readString(content!);
    } else if (entry.type !== 'g' && entry.type !== 'K') {
      this.onEntry(entry, content);
    }
  }
}

function checksumMatches(b: Buffer): boolean {
  const stored = readNumber(b.subarray(148, 156));
  if (stored === null) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const v = i >= 148 && i < 156 ? 0x20 : b[i];
    unsigned += v;
    signed += v > 127 ? v - 256 : v;
  }
  // Some old writers summed signed bytes; readers accept both.
  return stored === unsigned || stored === signed;
}

/** Octal text (NUL/space terminated), or GNU base-256 when the high bit is set. */
function readNumber(field: Buffer): number | null {
  if (field[0] & 0x80) {
    if (field[0] === 0xff) return null;
    let v = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + field[i];
    return Number.isSafeInteger(v) ? v : null;
  }
  const text = field.toString('latin1').replace(/\0[\s\S]*$/, '').trim();
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : null;
}

function readString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

/** PAX records: `<length> <key>=<value>\n`. Only `path` and `size` matter here. */
function parsePax(content: Buffer, offset: number): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let i = 0;
  while (i < content.length) {
    const space = content.indexOf(0x20, i);
    const length = space > i ? Number(content.subarray(i, space).toString('latin1')) : NaN;
    if (!Number.isInteger(length) || length <= 0 || i + length > content.length) {
      throw new TarFormatError(`unreadable PAX header at byte ${offset}`, offset);
    }
    const record = content.subarray(space + 1, i + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === 'path') out.path = value;
    if (key === 'size' && /^\d+$/.test(value)) out.size = Number(value);
    i += length;
  }
  return out;
}
