import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveImages } from '../../src/engine/images/saveImages';
import { mountSmallDisk, type SmallDisk } from '../support/smallDisk';
import { BASE_IMAGE, ensureBaseImage, testEngine } from '../support/testEngine';

/**
 * Saving onto a disk that fills up: a 512 KiB tmpfs, and the shared busybox base
 * image (about 2 MB as a tar, about 1 MB gzipped), so every save runs out of space
 * part way. The shared engine is only read from.
 */
const engine = testEngine();
let disk: SmallDisk;

before(async () => {
  await ensureBaseImage(engine);
  disk = mountSmallDisk(512 * 1024);
});
after(() => disk?.remove());

test('save onto a full disk: "the disk is full. Nothing was written."; no file, no temp file, the space comes back, an existing file is untouched', async () => {
  const existing = join(disk.dir, 'existing.tar');
  writeFileSync(existing, 'the archive the user had');
  const usedBefore = disk.used();

  for (const name of ['new.tar', 'new.tar.gz', 'existing.tar']) {
    const path = join(disk.dir, name);
    let progressed = 0;
    await assert.rejects(saveImages(engine, [BASE_IMAGE], path, { onProgress: (u) => (progressed = u.bytes) }), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.equal(err.message, `Could not save to ${path}: the disk is full. Nothing was written.`);
      return true;
    });
    assert.ok(progressed > 0, `${name}: the engine had begun streaming`);
    assert.deepEqual(readdirSync(disk.dir), ['existing.tar'], `${name}: nothing but the file the user had`);
    // The temp file is unlinked and closed: an open descriptor would keep its blocks.
    assert.equal(disk.used(), usedBefore, `${name}: every byte written came back`);
  }
  assert.equal(readFileSync(existing, 'utf8'), 'the archive the user had');
  assert.ok((await engine.api.getImage(BASE_IMAGE).inspect()).Id, 'the engine still has the image');
});
