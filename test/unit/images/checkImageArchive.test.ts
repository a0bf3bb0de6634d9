import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ArchiveError } from '../../../src/engine/images/ArchiveError';
import { checkImageArchive } from '../../../src/engine/images/checkImageArchive';
import { tarOf } from './tarFixture';

const dir = mkdtempSync(join(tmpdir(), 'stowage-archive-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const L1 = 'a'.repeat(64);
const L2 = 'b'.repeat(64);
const manifest = JSON.stringify([{ Config: 'cfg.json', RepoTags: ['me/app:v1'], Layers: [`${L1}/layer.tar`, `${L2}/layer.tar`] }]);
const image = {
  [`${L1}/layer.tar`]: 'x'.repeat(3000),
  [`${L2}/layer.tar`]: 'y'.repeat(700),
  'cfg.json': '{}',
  'manifest.json': manifest,
};

function file(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function refused(path: string, message: RegExp | string): Promise<void> {
  await assert.rejects(checkImageArchive(path), (err: unknown) => {
    assert.ok(err instanceof ArchiveError, String(err));
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

test('a docker save archive, plain or gzip: images, names and layers', async () => {
  for (const [name, bytes] of [['img.tar', tarOf(image)], ['img.tar.gz', gzipSync(tarOf(image))], ['renamed.bin', gzipSync(tarOf(image))]] as const) {
    const summary = await checkImageArchive(file(name, bytes));
    assert.equal(summary.format, 'manifest');
    assert.equal(summary.gzip, name !== 'img.tar', 'gzip is found by its magic bytes, not the name');
    assert.deepEqual(summary.images, [{ config: 'cfg.json', repoTags: ['me/app:v1'], layers: [`${L1}/layer.tar`, `${L2}/layer.tar`] }]);
  }
});

test('the legacy format: repositories and layer folders', async () => {
  const legacy = tarOf({ [`${L1}/json`]: '{}', [`${L1}/layer.tar`]: 'x', [`${L1}/VERSION`]: '1.0', repositories: JSON.stringify({ 'me/old': { v1: L1 } }) });
  const summary = await checkImageArchive(file('legacy.tar', legacy));
  assert.equal(summary.format, 'legacy');
  assert.deepEqual(summary.images[0].repoTags, ['me/old:v1']);
});

test('not an image archive: clear words, for each way of not being one', async () => {
  const notes = file('notes.txt', 'hello\n'.repeat(200));
  await refused(notes, `${notes} is not an image archive: it is not a tar file (no valid tar header at byte 0 (checksum mismatch))`);
  const files = file('files.tar', tarOf({ 'README.md': '# hi', 'src/main.c': 'int main(){}' }));
  await refused(files, `${files} is not an image archive: no manifest.json`);
  await refused(file('empty.tar', ''), /is not an image archive: the file is empty$/);
  await refused(join(dir, 'nope.tar'), /nope\.tar does not exist$/);
  await refused(dir, /is not a file$/);
  await refused(file('x.tar.bz2', Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(100)])), /is compressed with bzip2; Stowage loads plain or gzip-compressed image archives/);
  await refused(file('x.tar.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2])), /compressed with xz/);
  await refused(file('notes.gz', gzipSync('plain text, gzipped\n'.repeat(50))), /is not an image archive: it is not a tar file inside its gzip compression/);
});

test('damaged archives: a layer the manifest names is missing, bad manifest, truncated or damaged gzip', async () => {
  const { [`${L2}/layer.tar`]: _dropped, ...missingLayer } = image;
  await refused(file('missing.tar', tarOf(missingLayer)), new RegExp(`manifest.json names ${L2}/layer.tar, which is not in the archive$`));
  await refused(file('badjson.tar', tarOf({ ...image, 'manifest.json': '[{"Config": ' })), /manifest.json is not valid JSON/);
  await refused(file('emptymanifest.tar', tarOf({ ...image, 'manifest.json': '[]' })), /manifest.json lists no images/);
  const gz = gzipSync(tarOf(image));
  await refused(file('short.tar.gz', gz.subarray(0, gz.length - 30)), /is a damaged (gzip file|archive inside its gzip compression)/);
  const garbled = Buffer.from(gz);
  garbled.fill(0x55, 20, 60);
  await refused(file('garbled.tar.gz', garbled), /is a damaged (gzip file|archive)/);
  const plain = tarOf(image);
  await refused(file('short.tar', plain.subarray(0, 2000)), /is a damaged archive: truncated: a{64}\/layer\.tar needs 3000 bytes/);
});
