import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeTransfer } from '../../../src/engine/registry/summarizeTransfer';
import { EMPTY_TRANSFER } from '../../../src/engine/registry/TransferState';

test('no layers yet: starting', () => {
  assert.deepEqual(summarizeTransfer(EMPTY_TRANSFER), { message: 'Starting…' });
});

test('counts done layers and the bytes of those with a size; fraction averages layers', () => {
  const u = summarizeTransfer({
    pushed: [],
    layers: [
      { id: 'a', phase: 'exists' },
      { id: 'b', phase: 'pushing', current: 50_000_000, total: 100_000_000 },
      { id: 'c', phase: 'pushed', total: 20_000_000 },
      { id: 'd', phase: 'waiting' },
    ],
  });
  assert.equal(u.message, '2 of 4 layers done, 70.0 MB of 120 MB');
  assert.equal(u.fraction, (1 + 0.5 + 1 + 0) / 4);
});

test('a pull counts download and extraction as halves; pushed bytes beyond the size stop at the size', () => {
  const u = summarizeTransfer({
    pushed: [],
    layers: [
      { id: 'a', phase: 'downloading', current: 500, total: 1000 },
      { id: 'b', phase: 'extracting', current: 1000, total: 1000 },
      { id: 'c', phase: 'pushing', current: 1200, total: 1000 },
    ],
  });
  assert.equal(u.fraction, (0.25 + 1 + 1) / 3);
  assert.equal(u.message, '0 of 3 layers done, 2.50 kB of 3.00 kB');
});

test('an error is the message', () => {
  assert.deepEqual(summarizeTransfer({ ...EMPTY_TRANSFER, error: 'no basic auth credentials' }), { message: 'no basic auth credentials' });
});
