import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EngineError } from '../../src/engine/EngineError';
import { loadImages } from '../../src/engine/images/loadImages';
import { saveImages } from '../../src/engine/images/saveImages';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../support/secondEngine';
import { BASE_IMAGE, buildBusyboxImage, cleanup, ensureBaseImage, testEngine, uniqueName } from '../support/testEngine';

/**
 * An engine starved of disk: a second dockerd whose data root is a 32 MiB tmpfs,
 * asked to load a 40 MiB image that the shared engine saved.
 */
const main = testEngine();
const ref = `${uniqueName('stowage-fault-starved')}/big:v1`;
const dir = mkdtempSync(join(tmpdir(), 'stowage-fault-starved-'));
let second: SecondEngine;
let archive = '';
let small = '';

before(async () => {
  await ensureBaseImage(main);
  await buildBusyboxImage(main, ref, { base: BASE_IMAGE, files: { 'payload.bin': randomBytes(40 * 1024 * 1024) } });
  archive = join(dir, 'big.tar');
  await saveImages(main, [ref], archive);
  await cleanup(main, { images: [ref] });
  second = await startSecondEngine('starved', { dataRootBytes: 32 * 1024 * 1024 });
  await buildScratchImage(second.engine(), 'faults/small:v1');
  small = join(dir, 'small.tar');
  await saveImages(second.engine(), ['faults/small:v1'], small);
  await second.engine().api.getImage('faults/small:v1').remove();
});
after(async () => {
  await second?.remove();
  await cleanup(main, { images: [ref] });
  rmSync(dir, { recursive: true, force: true });
});

test('load into an engine whose disk fills up: the engine\'s "no space left on device" and "No image was loaded"; it keeps no image and no bytes of it, and still loads what fits', async () => {
  const engine = second.engine();
  const dataRoot = join(second.root, 'data');
  const used = () => {
    const s = statfsSync(dataRoot);
    return (s.blocks - s.bfree) * s.bsize;
  };
  const before = (await engine.api.listImages({ all: true })).map((i) => i.Id);
  const usedBefore = used();
  await assert.rejects(loadImages(engine, archive), (err: unknown) => {
    assert.ok(err instanceof EngineError, String(err));
    assert.match(err.message, new RegExp(`^Could not load images from ${archive.replace(/[.\/]/g, '\\$&')}: .*write /[0-9a-f]{64}/layer\\.tar: no space left on device\\. No image was loaded from it\\.$`));
    return true;
  });
  assert.deepEqual((await engine.api.listImages({ all: true })).map((i) => i.Id), before, 'no image, tagged or not');
  assert.equal(used(), usedBefore, 'the engine freed what it had written');

  const loaded = await loadImages(engine, small);
  assert.deepEqual(loaded.references, ['faults/small:v1'], 'an archive that fits still loads');
});
