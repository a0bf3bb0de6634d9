/** Tar archives built byte by byte for the tests: headers with correct checksums, no tar tool needed. */

/** A ustar header for `name` of `size` bytes, with a correct checksum. */
export function header(name: string, size: number, type = '0'): Buffer {
  const b = Buffer.alloc(512);
  b.write(name, 0, 'utf8');
  b.write('0000644\0', 100);
  b.write(size.toString(8).padStart(11, '0') + '\0', 124);
  b.write(' '.repeat(8), 148);
  b.write(type, 156);
  b.write('ustar\x0000', 257, 'latin1');
  let sum = 0;
  for (const x of b) sum += x;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return b;
}

/** One entry: header, content, zero padding to the block size. */
export function entry(name: string, content: Buffer | string, type = '0'): Buffer {
  const data = Buffer.from(content);
  const pad = (512 - (data.length % 512)) % 512;
  return Buffer.concat([header(name, data.length, type), data, Buffer.alloc(pad)]);
}

/** Tar's end-of-archive marker: two zero blocks. */
export const END = Buffer.alloc(1024);

/** A PAX extended header entry carrying `records` for the next entry. */
export function pax(records: Record<string, string>): Buffer {
  let body = '';
  for (const [k, v] of Object.entries(records)) {
    const tail = ` ${k}=${v}\n`;
    let len = tail.length + 1;
    while (String(len).length + tail.length !== len) len++;
    body += `${len}${tail}`;
  }
  return entry('PaxHeaders/x', body, 'x');
}

/** A whole archive of `files`, ended. */
export function tarOf(files: Record<string, string | Buffer>): Buffer {
  return Buffer.concat([...Object.entries(files).map(([name, content]) => entry(name, content)), END]);
}
