import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ArchiveError } from '../../src/engine/images/ArchiveError';
import { checkImageArchive } from '../../src/engine/images/checkImageArchive';
import { gnuLongNameBomb, paxEntry, paxHeaderBomb, paxRecordFlood, TAR_END, tarEntry, tarHeader, writeDeepNesting } from './support/hostileArchives';
import { peakGrowth } from './support/peakGrowth';

// Issue 9, defect 2: the pre-load check held a whole PAX header or GNU long name in
// memory (a 3 MB .tar.gz drove it to 6.3 GB RSS). Each hostile archive is built here;
// the check must refuse it with a clear message and grow by at most 64 MiB.

const dir = mkdtempSync(join(tmpdir(), 'stowage-fault-bomb-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const MIB = 1024 * 1024;
const LIMIT_MIB = 64;

async function refusedWithin(path: string, message: RegExp): Promise<void> {
  const { error, heapMiB, rssMiB } = await peakGrowth(() => checkImageArchive(path));
  assert.ok(error instanceof ArchiveError, `refused with an ArchiveError, got ${String(error)}`);
  assert.match(error.message, message);
  assert.ok(error.message.startsWith(path), 'the message names the file');
  assert.ok(heapMiB <= LIMIT_MIB, `heap + buffers grew ${heapMiB.toFixed(1)} MiB (limit ${LIMIT_MIB})`);
  assert.ok(rssMiB <= LIMIT_MIB, `RSS grew ${rssMiB.toFixed(1)} MiB (limit ${LIMIT_MIB})`);
}

test('a .tar.gz holding a 512 MiB PAX extended header is refused at the header', async () => {
  const path = join(dir, 'pax-bomb.tar.gz');
  writeFileSync(path, paxHeaderBomb(512 * MIB));
  await refusedWithin(path, /cannot be loaded: the PAX extended header at byte 0 is 536,870,912 bytes; tar readers, the engine's included, refuse more than 1,048,576$/);
});

test('the issue\'s own size: a 3 GiB PAX header in a ~3 MB .tar.gz', async () => {
  const bytes = paxHeaderBomb(3 * 1024 * MIB);
  assert.ok(bytes.length < 4 * MIB, `the file is ${bytes.length} bytes`);
  const path = join(dir, 'pax-bomb-3g.tar.gz');
  writeFileSync(path, bytes);
  await refusedWithin(path, /the PAX extended header at byte 0 is 3,221,225,472 bytes/);
});

test('a GNU long name of 512 MiB, gzip and plain', async () => {
  const gz = join(dir, 'long-name.tar.gz');
  writeFileSync(gz, gnuLongNameBomb(512 * MIB));
  await refusedWithin(gz, /cannot be loaded: the GNU long name at byte 0 is 536,870,912 bytes/);
  // A plain tar is read by jumping between headers; the header alone says enough.
  const plain = join(dir, 'long-name.tar');
  writeFileSync(plain, Buffer.concat([tarHeader('././@LongLink', 512 * MIB, 'L'), Buffer.alloc(4096, 0x6e)]));
  await refusedWithin(plain, /the GNU long name at byte 0 is 536,870,912 bytes/);
});

test('global PAX headers and long link names have the same limit', async () => {
  for (const [type, what] of [['g', 'PAX global header'], ['K', 'GNU long link name']]) {
    const path = join(dir, `meta-${type}.tar`);
    writeFileSync(path, Buffer.concat([tarEntry('a', 'x'), tarHeader('meta', 2 * MIB, type), Buffer.alloc(2 * MIB), TAR_END]));
    await refusedWithin(path, new RegExp(`the ${what} at byte 1024 is 2,097,152 bytes`));
  }
});

test('a flood of PAX headers, each under the limit, is refused once they add up past 16 MiB', async () => {
  const path = join(dir, 'pax-flood.tar.gz');
  writeFileSync(path, paxRecordFlood(200));
  await refusedWithin(path, /its metadata entries \(PAX headers, GNU long names\) add up to more than 16 MiB at byte \d+/);
});

test('deep nesting: thousands of distinct paths thousands of levels deep', async () => {
  const path = join(dir, 'deep.tar.gz');
  await writeDeepNesting(path, 6, 2000);
  // Paths this long come in PAX headers, so their sum trips the metadata limit first.
  await refusedWithin(path, /cannot be loaded: its metadata entries \(PAX headers, GNU long names\) add up to more than 16 MiB at byte \d+/);
});

test('a name longer than a path can be, and too many entries', async () => {
  const long = join(dir, 'long-path.tar');
  writeFileSync(long, Buffer.concat([paxEntry({ path: `${'d/'.repeat(3000)}f` }), tarEntry('f', 'x'), TAR_END]));
  await refusedWithin(long, /the entry at byte 6656 has a name of 6,001 bytes, longer than a path can be \(4,095\)$/);

  const many = join(dir, 'many.tar.gz');
  const block = Buffer.concat(Array.from({ length: 1000 }, (_, i) => tarEntry(`e${i}`, '')));
  writeFileSync(many, gzipSync(Buffer.concat([...Array.from({ length: 101 }, () => block), TAR_END])));
  await refusedWithin(many, /is not an image archive: it holds more than 100,000 entries \(docker save writes three or four per layer\)$/);
});

test('entries, links and manifest paths that are absolute or climb out with ../ are refused', async () => {
  const config = 'c'.repeat(64) + '.json';
  const image = (layers: string[]) => JSON.stringify([{ Config: config, RepoTags: ['evil/app:1'], Layers: layers }]);
  const cases: Array<[string, Buffer, RegExp]> = [
    ['climb.tar', Buffer.concat([tarEntry('../../etc/cron.d/x', 'x'), tarEntry(config, '{}'), tarEntry('manifest.json', image([])), TAR_END]), /cannot be loaded: the entry "\.\.\/\.\.\/etc\/cron\.d\/x" at byte 0 climbs out of the archive with \.\.\/$/],
    ['absolute.tar', Buffer.concat([tarEntry('/etc/passwd', 'x'), TAR_END]), /cannot be loaded: the entry "\/etc\/passwd" at byte 0 is an absolute path$/],
    ['pax-climb.tar', Buffer.concat([paxEntry({ path: 'a/../../x' }), tarEntry('ok', 'x'), TAR_END]), /the entry "a\/\.\.\/\.\.\/x" at byte 1024 climbs out/],
    ['manifest-climb.tar', Buffer.concat([tarEntry(config, '{}'), tarEntry('manifest.json', image(['../../var/lib/docker/x/layer.tar'])), TAR_END]), /cannot be loaded: manifest.json names "\.\.\/\.\.\/var\/lib\/docker\/x\/layer\.tar" \(image 1\), which climbs out of the archive with \.\.\/$/],
    ['manifest-absolute.tar', Buffer.concat([tarEntry(config, '{}'), tarEntry('manifest.json', image(['/etc/shadow'])), TAR_END]), /manifest.json names "\/etc\/shadow" \(image 1\), which is an absolute path$/],
  ];
  for (const [name, bytes, message] of cases) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    await refusedWithin(path, message);
  }
  const link = (target: string) => {
    const h = tarHeader('abc/layer.tar', 0, '2');
    h.write(target, 157, 'utf8');
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const x of h) sum += x;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    return h;
  };
  const escaping = join(dir, 'symlink-out.tar');
  writeFileSync(escaping, Buffer.concat([link('../../etc/passwd'), TAR_END]));
  await refusedWithin(escaping, /the link "abc\/layer\.tar" at byte 0 points to "\.\.\/\.\.\/etc\/passwd", which climbs out of the archive with \.\.\/$/);
  const absolute = join(dir, 'symlink-abs.tar');
  writeFileSync(absolute, Buffer.concat([link('/etc/passwd'), TAR_END]));
  await refusedWithin(absolute, /points to "\/etc\/passwd", which is an absolute path$/);
  // Docker 25's own layout links a layer to ../blobs from its folder: inside, so accepted.
  const inside = join(dir, 'symlink-in.tar');
  const blob = `blobs/sha256/${'b'.repeat(64)}`;
  writeFileSync(inside, Buffer.concat([tarEntry(blob, 'x'), link(`../${blob}`), tarEntry(config, '{}'), tarEntry('manifest.json', image(['abc/layer.tar'])), TAR_END]));
  assert.equal((await checkImageArchive(inside)).images[0].layers[0], 'abc/layer.tar');
});
