import { Transform, type TransformCallback } from 'node:stream';
import { legacyLayerChain } from './legacyLayerChain';

/** One layer file met in the archive, and whether it went on to the target. */
export interface LayerPassage {
  /** The layer's chain ID in the images being sent, when the archive entry could be identified. */
  readonly chain?: string;
  readonly entry: string;
  /** The layer's tar bytes (its entry's size). */
  readonly bytes: number;
  readonly sent: boolean;
}

const BLOCK = 512;
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);
const METADATA = new Set(['x', 'L', 'K']);
/** Go's tar reader refuses larger metadata entries, so the engine would too. */
const MAX_METADATA = 1024 * 1024;
/** A `<v1 id>/json` is a few KB; kept only up to this to identify its layer. */
const MAX_JSON = 1024 * 1024;
const LEGACY_JSON = /^([0-9a-f]{64})\/json$/;
const LEGACY_LAYER = /^([0-9a-f]{64})\/layer\.tar$/;
const BLOB = /^blobs\/sha256\/([0-9a-f]{64})$/;

/**
 * Rewrites a `docker save` tar stream on the fly, leaving out the layer files
 * whose layer the target already holds; every other entry (manifest.json, the
 * image configs, each layer's json) goes through unchanged, so the target loads
 * the layers it lacks and finds the others in its own store. A layer file is
 * identified before its content passes: `<v1 id>/layer.tar` by its folder's json
 * (legacyLayerChain; lexical order puts json first), `blobs/sha256/<diff ID>` by
 * its name. Nothing is held but headers and those small json files.
 */
export class LayerFilter extends Transform {
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** Content bytes (and padding) of the current entry still to come. */
  private remaining = 0;
  private padding = 0;
  private dropping = false;
  /** Metadata entries (PAX, GNU long names) waiting for the entry they describe. */
  private pending: Buffer[] = [];
  private pendingName?: string;
  private collecting?: { name: string; chunks: Buffer[]; kept: number; metadata: boolean; type: string };
  private layer?: { entry: string; chain?: string; bytes: number; sent: boolean };
  private ended = false;
  private offset = 0;
  private readonly jsons = new Map<string, string>();
  /** manifest.json's text, once it has passed. */
  manifest?: string;
  bytesSent = 0;
  bytesSkipped = 0;
  /** Every byte passed on: the archive the target receives. */
  archiveBytes = 0;

  constructor(
    /** Chain IDs of the images being sent. */
    private readonly candidates: readonly string[],
    /** Chain IDs the target holds. */
    private readonly present: ReadonlySet<string>,
    /** Diff IDs whose every occurrence in the images sent sits on a present chain (for `blobs/sha256/…` archives). */
    private readonly presentBlobs: ReadonlySet<string>,
    private readonly onLayer: (passage: LayerPassage, done: boolean) => void = () => {},
    /** Bytes of the rewritten archive held for a slower reader before the source is paused. */
    readAhead = 1024 * 1024,
  ) {
    super({ readableHighWaterMark: readAhead, writableHighWaterMark: 1024 * 1024 });
  }

  override push(chunk: Buffer | null): boolean {
    if (chunk) this.archiveBytes += chunk.length;
    return super.push(chunk);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (!this.ended) return callback(new Error(`the source engine's archive ended at byte ${this.offset} before tar's end marker`));
    callback();
  }

  private consume(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.ended) {
        this.push(chunk.subarray(i));
        this.offset += chunk.length - i;
        return;
      }
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - i);
        const part = chunk.subarray(i, i + n);
        if (this.collecting) this.collect(part);
        if (!this.dropping && !this.collecting?.metadata) this.push(part);
        if (this.layer) {
          if (this.layer.sent) this.bytesSent += n;
          else this.bytesSkipped += n;
          this.onLayer(this.layer, false);
        }
        this.remaining -= n;
        i += n;
        this.offset += n;
        if (this.remaining === 0 && this.padding === 0) this.entryDone();
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - i);
        const part = chunk.subarray(i, i + n);
        if (this.collecting?.metadata) this.pending.push(Buffer.from(part));
        else if (!this.dropping) this.push(part);
        this.padding -= n;
        i += n;
        this.offset += n;
        if (this.padding === 0) this.entryDone();
        continue;
      }
      const n = Math.min(BLOCK - this.headerFill, chunk.length - i);
      chunk.copy(this.header, this.headerFill, i, i + n);
      this.headerFill += n;
      i += n;
      this.offset += n;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.onHeader(Buffer.from(this.header));
      }
    }
  }

  private onHeader(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      // The end marker: the rest (a second zero block, record padding) goes through as is.
      this.flushPending();
      this.push(block);
      this.ended = true;
      return;
    }
    if (!checksumOk(block)) {
      throw new Error(`the source engine's archive has no valid tar header at byte ${this.offset - BLOCK}: the export broke off (${printable(block)})`);
    }
    const type = block[156] === 0 ? '0' : String.fromCharCode(block[156]);
    const size = readSize(block);
    let name = cString(block.subarray(0, 100));
    if (block.subarray(257, 262).toString('latin1') === 'ustar') {
      const prefix = cString(block.subarray(345, 500));
      if (prefix) name = `${prefix}/${name}`;
    }
    if (this.pendingName) name = this.pendingName;
    name = name.replace(/^\.\//, '');
    const content = HEADER_ONLY.has(type) ? 0 : size;
    this.remaining = content;
    this.padding = (BLOCK - (content % BLOCK)) % BLOCK;
    this.dropping = false;
    this.layer = undefined;
    this.collecting = undefined;

    if (METADATA.has(type)) {
      if (size > MAX_METADATA) throw new Error(`the source engine's archive has a ${size}-byte metadata entry at byte ${this.offset - BLOCK}`);
      this.pending.push(block);
      this.collecting = { name, chunks: [], kept: 0, metadata: true, type };
      if (content === 0) this.entryDone();
      return;
    }

    const legacy = LEGACY_LAYER.exec(name);
    const blob = BLOB.exec(name);
    if (type === '0' && (legacy || blob)) {
      let chain: string | undefined;
      let skip = false;
      if (legacy) {
        const json = this.jsons.get(legacy[1]);
        chain = json === undefined ? undefined : legacyLayerChain(legacy[1], json, this.candidates);
        skip = chain !== undefined && this.present.has(chain);
      } else {
        skip = this.presentBlobs.has(`sha256:${blob![1]}`);
      }
      this.layer = { entry: name, chain, bytes: size, sent: !skip };
      this.dropping = skip;
      this.onLayer(this.layer, false);
    } else if (type === '0' && (LEGACY_JSON.test(name) || name === 'manifest.json')) {
      this.collecting = { name, chunks: [], kept: 0, metadata: false, type };
    }
    if (this.dropping) this.pending = [];
    else this.flushPending();
    this.pendingName = undefined;
    if (!this.dropping) this.push(block);
    if (content === 0 && this.padding === 0) this.entryDone();
  }

  private collect(part: Buffer): void {
    const c = this.collecting!;
    if (c.metadata) this.pending.push(Buffer.from(part));
    if (c.kept + part.length <= (c.metadata ? MAX_METADATA : MAX_JSON)) {
      c.chunks.push(Buffer.from(part));
      c.kept += part.length;
    }
  }

  private entryDone(): void {
    const c = this.collecting;
    if (c) {
      const text = Buffer.concat(c.chunks).toString('utf8');
      if (c.metadata) this.pendingName = metadataName(c.type, text) ?? this.pendingName;
      else if (c.name === 'manifest.json') this.manifest = text;
      else this.jsons.set(c.name.slice(0, 64), text);
    }
    if (this.layer) this.onLayer(this.layer, true);
    this.collecting = undefined;
    this.layer = undefined;
    this.dropping = false;
  }

  private flushPending(): void {
    for (const b of this.pending) this.push(b);
    this.pending = [];
  }
}

function metadataName(type: string, text: string): string | undefined {
  if (type === 'L') return text.replace(/\0.*$/s, '');
  if (type !== 'x') return undefined;
  const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text);
  return m?.[1];
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  const stored = parseInt(cString(block.subarray(148, 156)).trim() || 'x', 8);
  return stored === sum;
}

function readSize(block: Buffer): number {
  const field = block.subarray(124, 136);
  if (field[0] & 0x80) {
    // GNU base-256, for entries of 8 GiB and more.
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i];
    return n;
  }
  return parseInt(cString(field).trim() || '0', 8);
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

function printable(block: Buffer): string {
  const text = block.toString('utf8').replace(/\0+$/, '');
  const m = /"error"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  return m ? `the engine says: ${m[1]}` : 'not an error the engine wrote';
}
