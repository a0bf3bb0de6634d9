import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveImages } from '../../src/engine/images/saveImages';
import { cleanup, testEngine, uniqueName } from '../support/testEngine';
import { buildUniqueImage } from '../integration/images/imagesKit';

/**
 * Defect 15 (save estimate): "about 3.97 MB" for a 2.1 MB archive of two images
 * that share their base. The estimate counts each layer once; checked against the
 * archive the real engine writes.
 */
describe('fault: the save estimate counts shared layers once', () => {
  const engine = testEngine();
  const ns = uniqueName('stowage-fault-est');
  const refs = [`${ns}/a:1`, `${ns}/b:1`];
  const dir = mkdtempSync(join(tmpdir(), 'stowage-est-'));
  const made = { images: [...refs] };

  before(async () => {
    await buildUniqueImage(engine, refs[0], 60_000);
    await buildUniqueImage(engine, refs[1], 80_000);
  });
  after(async () => {
    await cleanup(engine, made);
    rmSync(dir, { recursive: true, force: true });
  });

  test('two images on the busybox base: the save progress estimates within 10% of the archive, where the sum of sizes was ~2x', async () => {
    const oldSum = (await engine.api.getImage(refs[0]).inspect()).Size + (await engine.api.getImage(refs[1]).inspect()).Size;
    const file = join(dir, 'two.tar');
    const messages: string[] = [];
    // The first update is the one that names the estimate ("of about …"); the last one, the size written.
    let estimate: number | undefined;
    await saveImages(engine, refs, file, {
      onProgress: (u) => {
        messages.push(u.message);
        if (estimate === undefined && /of about /.test(u.message)) estimate = (u as { totalBytes?: number }).totalBytes;
      },
    });
    const actual = statSync(file).size;
    assert.ok(estimate !== undefined, `an update said "of about": ${JSON.stringify(messages)}`);
    assert.ok(Math.abs(estimate - actual) / actual < 0.1, `estimate ${estimate} vs archive ${actual}`);
    assert.ok(oldSum / actual > 1.7, `the old estimate (${oldSum}) counted the base twice for ${actual}`);
  });
});
