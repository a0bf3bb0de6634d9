import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { gzipSync, createGzip, constants } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/**
 * Hostile image archives built here, byte by byte, so no multi-megabyte fixture is
 * committed. A gzip file may be several members one after the other (gzip and Go's
 * reader both read them as one stream), so gigabytes of repeated bytes are one small
 * compressed member of a mebibyte repeated: a 3 GiB run costs 3 MB on disk and no
 * time to build.
 */

const MIB = 1024 * 1024;
const BLOCK = 512;

/** A ustar header with a correct checksum; `size` up to 8 GiB (11 octal digits). */
export function tarHeader(name: string, size: number, type = '0'): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tarHeader: ${name.slice(0, 20)}… is over 100 bytes; use a PAX path`);
  const b = Buffer.alloc(BLOCK);
  b.write(name, 0, 'utf8');
  b.write('0000644\0', 100, 'latin1');
  b.write('0000000\0', 108, 'latin1');
  b.write('0000000\0', 116, 'latin1');
  b.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  b.write('14712345670\0', 136, 'latin1');
  b.write(' '.repeat(8), 148, 'latin1');
  b.write(type, 156, 'latin1');
  b.write('ustar\x0000', 257, 'latin1');
  let sum = 0;
  for (const x of b) sum += x;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return b;
}

/** One whole entry: header, content, padding. */
export function tarEntry(name: string, content: Buffer | string, type = '0'): Buffer {
  const data = Buffer.from(content);
  return Buffer.concat([tarHeader(name, data.length, type), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)]);
}

/** PAX records (`<len> key=value\n`) as one `x` entry. */
export function paxEntry(records: Record<string, string>): Buffer {
  let body = '';
  for (const [k, v] of Object.entries(records)) {
    const tail = ` ${k}=${v}\n`;
    let len = Buffer.byteLength(tail) + 1;
    while (String(len).length + Buffer.byteLength(tail) !== len) len++;
    body += `${len}${tail}`;
  }
  return tarEntry('PaxHeaders.0/next', body, 'x');
}

/** Tar's end-of-archive marker. */
export const TAR_END = Buffer.alloc(2 * BLOCK);

/** Bytes of a gzip file: each Buffer its own member, each run one member repeated. */
export type GzipPart = Buffer | { readonly byte: number; readonly bytes: number };

export function gzipParts(parts: readonly GzipPart[]): Buffer {
  const members: Buffer[] = [];
  for (const part of parts) {
    if (Buffer.isBuffer(part)) {
      members.push(gzipSync(part));
      continue;
    }
    const whole = Math.floor(part.bytes / MIB);
    if (whole > 0) {
      const member = gzipSync(Buffer.alloc(MIB, part.byte), { level: constants.Z_BEST_COMPRESSION });
      for (let i = 0; i < whole; i++) members.push(member);
    }
    if (part.bytes % MIB) members.push(gzipSync(Buffer.alloc(part.bytes % MIB, part.byte)));
  }
  return Buffer.concat(members);
}

/**
 * A PAX extended header of `bytes` (3 GiB in the issue: a 3 MB file), then an
 * ordinary entry and the end marker: well-formed tar, refused by every reader at
 * the header.
 */
export function paxHeaderBomb(bytes: number): Buffer {
  return gzipParts([tarHeader('PaxHeaders.0/bomb', bytes, 'x'), { byte: 0x61, bytes }, Buffer.concat([tarEntry('manifest.json', '[]'), TAR_END])]);
}

/** A GNU long-name entry (`L`) of `bytes`, naming the entry after it. */
export function gnuLongNameBomb(bytes: number): Buffer {
  return gzipParts([tarHeader('././@LongLink', bytes, 'L'), { byte: 0x6e, bytes }, Buffer.concat([tarEntry('x', 'x'), TAR_END])]);
}

/**
 * Many small PAX headers of tiny records each, before entries: every one within the
 * per-entry limit, the whole costing parse time by the million records.
 */
export function paxRecordFlood(headers: number): Buffer {
  const records = '6 a=b\n'.repeat(Math.floor((MIB - 6) / 6));
  const member = gzipSync(Buffer.concat([tarEntry('PaxHeaders.0/flood', records, 'x'), tarEntry('f', '')]), { level: constants.Z_BEST_COMPRESSION });
  return Buffer.concat([...Array.from({ length: headers }, () => member), gzipSync(Buffer.concat([tarEntry('manifest.json', '[]'), TAR_END]))]);
}

/**
 * Deep nesting: `trees` directory chains `t<k>/d/d/…` `depth` levels deep (names up
 * to ~2 bytes per level, through PAX paths), a file at every level. Streamed to
 * `path` through gzip, since every name differs.
 */
export async function writeDeepNesting(path: string, trees: number, depth: number): Promise<void> {
  function* entries(): Generator<Buffer> {
    for (let t = 0; t < trees; t++) {
      let dir = `t${t}`;
      for (let d = 0; d < depth; d++) {
        dir += '/d';
        yield paxEntry({ path: `${dir}/f` });
        yield tarEntry('f', '');
      }
    }
    yield tarEntry('manifest.json', '[]');
    yield TAR_END;
  }
  const out = createWriteStream(path);
  await pipeline(Readable.from(entries()), createGzip({ level: 1 }), out);
}

/** Writes a buffer and waits for it to be on disk (for the bench's files). */
export async function writeBuffer(path: string, bytes: Buffer): Promise<void> {
  const out = createWriteStream(path);
  out.end(bytes);
  await once(out, 'finish');
}
