/**
 * The regular files of a tar archive held in memory, by path. Written for the tests'
 * own checks of `docker save` output (and the layer tars inside it), independently of
 * the extension's archive reader: ustar names with their prefix, and PAX `path` records,
 * which Go's archive/tar writes for long names.
 */
export function readTar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const body = archive.subarray(offset + 512, offset + 512 + size);
    if (body.length !== size) throw new Error(`tar entry ${name} runs past the end of the archive`);
    paxPath = undefined;
    if (type === 'x') {
      // PAX records: "<length> <key>=<value>\n"; only the path matters here.
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m?.[1];
    } else if (type === '0' || type === '7') {
      files.set(name.replace(/^\.\//, ''), body);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
