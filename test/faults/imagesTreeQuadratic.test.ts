import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ImageSummary } from '../../src/engine/types';
import { buildImageTree, buildImageTreeInSlices } from '../../src/model/buildImageTree';
import { otherTagCount } from '../../src/model/otherTags';

/**
 * Issue 9, defect 3: each tag node held a list of its image's other names, so one
 * image with 10,000 tags cost 100 million entries (766 MB of heap, 3-4 s) on every
 * refresh, and 20,000 tags 3.47 GB. The tree must be linear in the tags.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const image = (id: string, repoTags: string[], created: number): ImageSummary => ({ id, repoTags, repoDigests: [], created, size: 1, containers: 0, labels: {}, parentId: '' });

function heapGrowthOf(run: () => unknown): { mib: number; result: unknown } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = run();
  const after = process.memoryUsage().heapUsed;
  return { mib: (after - before) / 2 ** 20, result };
}

test('20,000 tags on one image: the tree grows by a few MiB, and each tag still says how many others', () => {
  const names = Array.from({ length: 20_000 }, (_, i) => `stowage-fault/many:t${i}`);
  const images = [image('sha256:many', names, 1)];
  const { mib, result } = heapGrowthOf(() => buildImageTree(images));
  const tree = result as ReturnType<typeof buildImageTree>;
  assert.equal(tree.repositories[0].tags.length, 20_000);
  assert.equal(otherTagCount(tree.repositories[0].tags[0]), 19_999);
  assert.ok(mib < 50, `the tree of 20,000 tags grew the heap by ${mib.toFixed(1)} MiB`);
});

test('10,000 tags over 1,000 images, built in slices: linear too', async () => {
  const images = Array.from({ length: 1_000 }, (_, i) => image(`sha256:${i}`, Array.from({ length: 10 }, (_, t) => `stowage-fault/r${i % 50}:i${i}-t${t}`), i));
  gc();
  const before = process.memoryUsage().heapUsed;
  const tree = await buildImageTreeInSlices(images, 'registry', { now: () => performance.now(), pause: () => new Promise((r) => setImmediate(r)), sliceMs: 10 });
  const mib = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  assert.equal(tree.repositories.reduce((n, r) => n + r.tags.length, 0), 10_000);
  assert.ok(mib < 50, `grew the heap by ${mib.toFixed(1)} MiB`);
});
