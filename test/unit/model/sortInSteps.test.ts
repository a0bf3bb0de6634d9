import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortInSteps } from '../../../src/model/sortInSteps';

function drain(g: Generator<void, void>): number {
  let steps = 0;
  while (!g.next().done) steps++;
  return steps;
}

test('sorts like Array.prototype.sort, stably, for every size around the step', () => {
  for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 100, 1000]) {
    const items = Array.from({ length: n }, (_, i) => ({ key: (i * 7919) % 13, at: i }));
    const expected = [...items].sort((a, b) => a.key - b.key);
    drain(sortInSteps(items, (a, b) => a.key - b.key, 8));
    assert.deepEqual(items, expected, `n = ${n}`);
  }
});

test('yields about once per step of work, so no step sorts a whole large list', () => {
  const items = Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 4096);
  const steps = drain(sortInSteps(items, (a, b) => a - b, 512));
  // 8 runs, then 3 merge passes of 4,096 elements: 8 + 3 × 8 pauses.
  assert.equal(steps, 32);
  assert.deepEqual(items, [...items].sort((a, b) => a - b));
});
