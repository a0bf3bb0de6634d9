export interface TarEntry {
  /** Path inside the archive, without a leading `./`. */
  readonly name: string;
  /** The typeflag: `0` file, `5` directory, `2` symlink, … */
  readonly type: string;
  readonly size: number;
  /** Byte offset of the entry's header in the tar stream. */
  readonly offset: number;
  /** A link's target (symlink `2`, hard link `1`), as written. */
  readonly link?: string;
  /** Permission bits and owner from the header (octal fields). */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** Receives one entry's content as it streams by; chunks are only valid during the call. */
export interface ContentSink {
  write(chunk: Buffer): void;
  end(): void;
}

export class TarFormatError extends Error {
  override name = 'TarFormatError';
  constructor(
    message: string,
    /** Where in the tar stream the problem is. */
    readonly offset: number,
    /** The 512 bytes that should have been a header, when that was the problem. */
    readonly block?: Buffer,
    /** `limit`: well-formed, but past what any tar reader (the engine's included) accepts. */
    readonly kind: 'format' | 'limit' = 'format',
  ) {
    super(message);
  }
}

const BLOCK = 512;
/** Link, symlink, char/block device, directory, FIFO: a header and no content, whatever size says (as Go's reader does). */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);
/** PAX extended headers (`x`, `g`) and GNU long names (`L`, `K`): content that describes the next entry. */
const METADATA = new Set(['x', 'g', 'L', 'K']);
const METADATA_NAMES: Record<string, string> = { x: 'PAX extended header', g: 'PAX global header', L: 'GNU long name', K: 'GNU long link name' };
/**
 * The most a metadata entry may hold. Go's archive/tar, which the engine reads
 * archives with, stops at 1 MiB too (`maxSpecialFileSize`); past it the engine
 * would refuse the archive, and keeping such content is how a small gzip file
 * could make this process hold gigabytes.
 */
export const MAX_METADATA = 1024 * 1024;
/**
 * All metadata of one archive together: each PAX record costs a little parsing,
 * and a small gzip file can hold gigabytes of tiny records. docker save writes
 * at most a few hundred bytes of them per entry.
 */
export const MAX_METADATA_TOTAL = 16 * 1024 * 1024;

interface Current {
  entry: TarEntry;
  /** Content being kept (metadata, a file asked for), filled in place: its size is known from the header, so one copy, no joining. */
  kept?: Buffer;
  /** Where the content streams to, for entries `stream` took (a nested layer tar). */
  sink?: ContentSink;
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
  /** A header split across chunks, put together. */
  private readonly block = Buffer.alloc(BLOCK);
  private readonly blockView = new DataView(this.block.buffer, this.block.byteOffset, BLOCK);
  private blockFill = 0;
  private remaining = 0;
  private padding = 0;
  private current?: Current;
  private zeroBlocks = 0;
  private done = false;
  private pax: Pax = NO_PAX;
  private longName?: string;
  private longLink?: string;
  private metadataBytes = 0;

  constructor(
    private readonly onEntry: (entry: TarEntry, content?: Buffer) => void,
    /** Which entries' content to hand to onEntry; at most `maxKeep` bytes each. */
    private readonly keep: (name: string) => boolean = () => false,
    private readonly maxKeep = 16 * 1024 * 1024,
    /** Entries whose content should stream to a sink as it arrives, never kept (a layer tar inside an export). */
    private readonly stream?: (entry: TarEntry) => ContentSink | undefined,
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
    if (this.current) return this.current.kept || this.current.sink ? 0 : this.remaining + this.padding;
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
    /** The chunk read four bytes at a time (the checksum), made once a header is read in it. */
    let view: DataView | undefined;
    while (i < chunk.length) {
      if (this.done) {
        // Anything after the end marker (tar's record padding) is not part of the archive.
        this.offset += chunk.length - i;
        return;
      }
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - i);
        // Copied: positional readers reuse their buffer.
        if (this.current?.kept) chunk.copy(this.current.kept, this.current.entry.size - this.remaining, i, i + n);
        this.current?.sink?.write(chunk.subarray(i, i + n));
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
      if (this.blockFill === 0 && chunk.length - i >= BLOCK) {
        // A whole header in the chunk (nearly all of them): read where it is, not copied.
        this.offset += BLOCK;
        i += BLOCK;
        view ??= new DataView(chunk.buffer, chunk.byteOffset, chunk.length);
        this.readHeader(chunk, view, i - BLOCK, this.offset - BLOCK);
        continue;
      }
      const n = Math.min(BLOCK - this.blockFill, chunk.length - i);
      chunk.copy(this.block, this.blockFill, i, i + n);
      this.blockFill += n;
      this.offset += n;
      i += n;
      if (this.blockFill === BLOCK) {
        this.blockFill = 0;
        this.readHeader(this.block, this.blockView, 0, this.offset - BLOCK);
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

  /** The header at b[o, o + 512), `at` in the tar stream. */
  private readHeader(b: Buffer, view: DataView, o: number, at: number): void {
    if (b[o] === 0 && isZeroBlock(b, o)) {
      this.zeroBlocks++;
      if (this.zeroBlocks === 2) this.done = true;
      return;
    }
    if (this.zeroBlocks > 0) throw new TarFormatError(`an end-of-archive block at byte ${at - BLOCK} is followed by more data`, at, headerCopy(b, o));
    if (!checksumMatches(b, view, o)) throw new TarFormatError(`no valid tar header at byte ${at} (checksum mismatch)`, at, headerCopy(b, o));

    const type = b[o + 156] === 0 ? '0' : String.fromCharCode(b[o + 156]);
    const rawSize = readNumber(b, o + 124, o + 136);
    if (rawSize === null) throw new TarFormatError(`unreadable size in the tar header at byte ${at}`, at, headerCopy(b, o));
    let name = readString(b, o + 0, o + 100);
    if (isUstar(b, o) && b[o + 345] !== 0) {
      const prefix = readString(b, o + 345, o + 500);
      if (prefix) name = `${prefix}/${name}`;
    }
    const isMeta = METADATA.has(type);
    let size = rawSize;
    let link: string | undefined;
    if (isMeta) {
      if (size > MAX_METADATA) {
        throw new TarFormatError(
          `the ${METADATA_NAMES[type]} at byte ${at} is ${size.toLocaleString('en-US')} bytes; tar readers, the engine's included, refuse more than ${MAX_METADATA.toLocaleString('en-US')}`,
          at,
          undefined,
          'limit',
        );
      }
      this.metadataBytes += size;
      if (this.metadataBytes > MAX_METADATA_TOTAL) {
        throw new TarFormatError(
          `its metadata entries (PAX headers, GNU long names) add up to more than ${MAX_METADATA_TOTAL / 1024 / 1024} MiB at byte ${at}, far more than any image archive holds`,
          at,
          undefined,
          'limit',
        );
      }
    } else {
      if (this.pax.path !== undefined) name = this.pax.path;
      else if (this.longName !== undefined) name = this.longName;
      if (this.pax.size !== undefined) size = this.pax.size;
      if (type === '1' || type === '2') link = this.pax.linkpath ?? this.longLink ?? readString(b, o + 157, o + 257);
      this.pax = NO_PAX;
      this.longName = undefined;
      this.longLink = undefined;
      if (HEADER_ONLY.has(type)) size = 0;
    }
    if (name.startsWith('./')) name = name.replace(/^(\.\/)+/, '');

    const mode = readNumber(b, o + 100, o + 108) ?? undefined;
    const uid = readNumber(b, o + 108, o + 116) ?? undefined;
    const gid = readNumber(b, o + 116, o + 124) ?? undefined;
    const entry: TarEntry = link === undefined ? { name, type, size, offset: at, mode, uid, gid } : { name, type, size, offset: at, link, mode, uid, gid };
    const kept = type === 'x' || type === 'L' || type === 'K' || (!isMeta && this.keep(name) && size <= this.maxKeep);
    const sink = !kept && !isMeta && this.stream ? this.stream(entry) : undefined;
    this.current = { entry, kept: kept ? Buffer.allocUnsafe(size) : undefined, sink };
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.finishEntry();
  }

  private finishEntry(): void {
    const current = this.current!;
    this.current = undefined;
    const content = current.kept;
    const { entry } = current;
    current.sink?.end();
    if (entry.type === 'x') {
      this.pax = parsePax(content!, entry.offset);
    } else if (entry.type === 'L') {
      this.longName = readString(content!, 0, content!.length);
    } else if (entry.type === 'K') {
      this.longLink = readString(content!, 0, content!.length);
    } else if (entry.type !== 'g' && entry.type !== 'K') {
      this.onEntry(entry, content);
    }
  }
}

/*
 * The header helpers below read the 512-byte block in place (b[o, o + 512), in the
 * chunk it arrived in when it is whole there), byte by byte: an image export of
 * 300,000 files has 300,000 headers, and copying, slicing, decoding and matching
 * regular expressions for each field cost more than the rest of the walk (profiled).
 */

/** The header's bytes, for an error to hand back (the chunk is the caller's). */
function headerCopy(b: Buffer, o: number): Buffer {
  return Buffer.from(b.subarray(o, o + BLOCK));
}

function isZeroBlock(b: Buffer, o: number): boolean {
  for (let i = o; i < o + BLOCK; i++) if (b[i] !== 0) return false;
  return true;
}

function isUstar(b: Buffer, o: number): boolean {
  return b[o + 257] === 0x75 && b[o + 258] === 0x73 && b[o + 259] === 0x74 && b[o + 260] === 0x61 && b[o + 261] === 0x72;
}

function checksumMatches(b: Buffer, view: DataView, o: number): boolean {
  const stored = readNumber(b, o + 148, o + 156);
  if (stored === null) return false;
  // The checksum field itself counts as eight spaces.
  let unsigned = 8 * 0x20;
  // Bytes added four at a time, two per 16-bit lane (126 words of at most 2 x 255 each
  // fit a lane), through a DataView that reads a word at any alignment: on 300,000
  // headers, a third of the time of a loop a byte at a time (measured). The checksum
  // field, bytes 148 to 155, is left out.
  let lanes = 0;
  for (let i = o; i < o + 148; i += 4) {
    const w = view.getUint32(i, true);
    lanes += (w & 0x00ff00ff) + ((w >>> 8) & 0x00ff00ff);
  }
  for (let i = o + 156; i < o + BLOCK; i += 4) {
    const w = view.getUint32(i, true);
    lanes += (w & 0x00ff00ff) + ((w >>> 8) & 0x00ff00ff);
  }
  unsigned += (lanes % 0x10000) + Math.floor(lanes / 0x10000);
  if (stored === unsigned) return true;
  // Some old writers summed signed bytes; readers accept both.
  let high = 0;
  for (let i = 0; i < BLOCK; i++) if ((i < 148 || i >= 156) && b[o + i] > 127) high++;
  return stored === unsigned - 256 * high;
}

/** Octal text (NUL/space terminated) in b[start, end), or GNU base-256 when the high bit is set. */
function readNumber(b: Buffer, start: number, end: number): number | null {
  if (b[start] & 0x80) {
    if (b[start] === 0xff) return null;
    let v = b[start] & 0x7f;
    for (let i = start + 1; i < end; i++) v = v * 256 + b[i];
    return Number.isSafeInteger(v) ? v : null;
  }
  let stop = start;
  while (stop < end && b[stop] !== 0) stop++;
  let i = start;
  while (i < stop && isSpace(b[i])) i++;
  while (stop > i && isSpace(b[stop - 1])) stop--;
  let v = 0;
  for (; i < stop; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 7) return null;
    v = v * 8 + d;
  }
  return v;
}

/** What String.prototype.trim removes, among latin1 bytes. */
function isSpace(x: number): boolean {
  return x === 0x20 || (x >= 0x09 && x <= 0x0d) || x === 0xa0;
}

/** A NUL-terminated UTF-8 string in b[start, end). */
function readString(b: Buffer, start: number, end: number): string {
  const nul = b.indexOf(0, start);
  return b.toString('utf8', start, nul < 0 || nul > end ? end : nul);
}

interface Pax {
  path?: string;
  linkpath?: string;
  size?: number;
}

/** No PAX records: one object shared by every header that had none (never written to). */
const NO_PAX: Pax = Object.freeze({});

/**
 * PAX records: `<length> <key>=<value>\n`. Only `path`, `linkpath` and `size`
 * matter here. Read byte by byte, decoding only those values: a header of 1 MiB
 * can hold 170,000 tiny records, and slicing strings for each cost seconds.
 */
function parsePax(content: Buffer, offset: number): Pax {
  const out: Pax = {};
  const bad = () => new TarFormatError(`unreadable PAX header at byte ${offset}`, offset);
  let i = 0;
  while (i < content.length) {
    let length = 0;
    let j = i;
    for (; j < content.length && j - i < 8 && content[j] >= 0x30 && content[j] <= 0x39; j++) length = length * 10 + content[j] - 0x30;
    const end = i + length - 1;
    if (j === i || content[j] !== 0x20 || end <= j || end >= content.length || content[end] !== 0x0a) throw bad();
    let eq = j + 1;
    while (eq < end && content[eq] !== 0x3d) eq++;
    if (eq === end) throw bad();
    const value = () => content.toString('utf8', eq + 1, end);
    if (keyIs(content, j + 1, eq, 'path')) out.path = value();
    else if (keyIs(content, j + 1, eq, 'linkpath')) out.linkpath = value();
    else if (keyIs(content, j + 1, eq, 'size')) {
      const size = value();
      if (!/^\d+$/.test(size) || !Number.isSafeInteger(Number(size))) throw new TarFormatError(`unreadable size ${JSON.stringify(size.slice(0, 40))} in the PAX header at byte ${offset}`, offset);
      out.size = Number(size);
    }
    i = end + 1;
  }
  return out;
}

function keyIs(content: Buffer, start: number, end: number, key: string): boolean {
  if (end - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) if (content[start + k] !== key.charCodeAt(k)) return false;
  return true;
}
