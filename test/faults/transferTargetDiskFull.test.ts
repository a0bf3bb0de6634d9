import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../src/engine/EngineError';
import { transferImage } from '../../src/engine/transfer/transferImage';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../support/secondEngine';
import { cleanup, testEngine, uniqueName } from '../support/testEngine';

// A target engine whose disk fills up during a transfer (its data root on a 32 MiB
// tmpfs, a 40 MiB image): the message says so, the target frees what it wrote, and
// an image that fits still arrives.

const main = testEngine();
const big = `stowage-test/${uniqueName('xfer-full')}:big`;
const small = `stowage-test/${uniqueName('xfer-full')}:small`;
let second: SecondEngine;

before(async () => {
  await buildScratchImage(main, big, 40 * 1024 * 1024);
  await buildScratchImage(main, small, 64 * 1024);
  second = await startSecondEngine('xferfull', { dataRootBytes: 32 * 1024 * 1024 });
});
after(async () => {
  await cleanup(main, { images: [big, small] });
  await second?.remove();
});

test('a target without space says so, keeps nothing of the image, and still takes one that fits', async () => {
  const target = second.engine();
  const before = (await target.api.listImages({ all: true })).map((i) => i.Id).sort();
  const err = await transferImage(main, target, big).catch((e: unknown) => e);
  assert.ok(err instanceof EngineError, String(err));
  assert.match(err.message, /: the target engine ran out of disk space \(.*no space left on device.*\)\. Nothing was added to the target\.$/);
  assert.deepEqual((await target.api.listImages({ all: true })).map((i) => i.Id).sort(), before);
  const ok = await transferImage(main, target, small);
  assert.equal((await target.api.getImage(small).inspect()).Id, ok.id);
});
