import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersionTags } from '../../../src/model/compareVersionTags';
import { mapLimited } from '../../../src/model/mapLimited';

test('tags sort as versions: numbers by value, numbered before unnumbered, total order', () => {
  const tags = ['latest', '2.0', '1.10', '1.2', '1.2.1', 'edge', '10.0', '1.02', 'v1.9', 'v1.10', '99999999999999999999', '100000000000000000000', '1.0-rc1', '1.0'];
  assert.deepEqual([...tags].sort(compareVersionTags), ['1.0', '1.0-rc1', '1.02', '1.2', '1.2.1', '1.10', '2.0', '10.0', '99999999999999999999', '100000000000000000000', 'v1.9', 'v1.10', 'edge', 'latest']);
  for (const a of tags) for (const b of tags) assert.equal(Math.sign(compareVersionTags(a, b)) + Math.sign(compareVersionTags(b, a)), 0, `${a} ${b}`);
});

test('mapLimited keeps order, never runs more than the limit, and stops starting calls after a failure', async () => {
  let running = 0;
  let peak = 0;
  const out = await mapLimited([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setImmediate(r));
    running--;
    return n * 2;
  });
  assert.deepEqual(out, [10, 2, 8, 4, 6, 0, 12]);
  assert.equal(peak, 3);
  const started: number[] = [];
  await assert.rejects(
    mapLimited([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('boom');
      await new Promise((r) => setImmediate(r));
    }),
    /boom/,
  );
  assert.ok(!started.includes(5), started.join());
});
