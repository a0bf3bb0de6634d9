import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DivePaths } from '../../../src/model/layers/DivePaths';

test("dive's per-path sums: a path counted once per layer, its smallest copy, and wasted bytes for paths in two layers or more", () => {
  const d = new DivePaths();
  d.visit('a/b', 10, 0);
  d.visit('a/b', 99, 0); // the same layer again: dive keeps one entry per path per layer
  d.visit('a/b', 4, 1);
  d.visit('c', 7, 1);
  assert.deepEqual(d.totals(), { min: 4 + 7, cumulative: 14 + 7, wasted: 14 });
});

test('paths that differ only by slashes stay apart: a top-level name, the same name under an empty folder, and under "/"', () => {
  const d = new DivePaths();
  d.visit('x', 1, 0);
  d.visit('/x', 2, 1);
  d.visit('//x', 4, 2);
  assert.deepEqual(d.totals(), { min: 7, cumulative: 7, wasted: 0 });
});

test('grows past its first columns without losing a path', () => {
  const d = new DivePaths();
  for (let layer = 0; layer < 2; layer++) for (let i = 0; i < 5000; i++) d.visit(`f${i % 7}/n${i}`, i, layer);
  const sum = (5000 * 4999) / 2;
  assert.deepEqual(d.totals(), { min: sum, cumulative: 2 * sum, wasted: 2 * sum });
});

test('the same name in folders visited one after another stays apart (a folder, one of the same length, one it prefixes, and back)', () => {
  const d = new DivePaths();
  d.visit('a/x', 1, 0);
  d.visit('b/x', 2, 0);
  d.visit('ab/x', 4, 0);
  d.visit('a/x', 3, 1);
  assert.deepEqual(d.totals(), { min: 1 + 2 + 4, cumulative: 4 + 2 + 4, wasted: 4 });
});
