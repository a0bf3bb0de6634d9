import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctLayerBytes } from '../../../src/model/distinctLayerBytes';

test('two images on one base count the base once; the same image twice counts once', () => {
  const base = { diffId: 'sha256:base', size: 2_000_000 };
  const a = { id: 'a', size: 2_050_000, layers: [base, { diffId: 'sha256:a1', size: 50_000 }] };
  const b = { id: 'b', size: 2_070_000, layers: [base, { diffId: 'sha256:b1', size: 70_000 }] };
  assert.equal(distinctLayerBytes([a, b]), 2_120_000);
  assert.equal(distinctLayerBytes([a, a, b]), 2_120_000);
});

test('the same diff on a different base is a different layer', () => {
  const a = { id: 'a', size: 3, layers: [{ diffId: 'x', size: 1 }, { diffId: 'same', size: 2 }] };
  const b = { id: 'b', size: 3, layers: [{ diffId: 'y', size: 1 }, { diffId: 'same', size: 2 }] };
  assert.equal(distinctLayerBytes([a, b]), 6);
});

test('an image whose layers could not be told apart counts whole', () => {
  assert.equal(distinctLayerBytes([{ id: 'a', size: 10, layers: [{ diffId: 'x', size: 10 }] }, { id: 'b', size: 15, layers: null }]), 25);
});
