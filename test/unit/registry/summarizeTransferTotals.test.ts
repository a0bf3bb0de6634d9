import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceLayerProgress } from '../../../src/engine/registry/reduceLayerProgress';
import { summarizeTransfer } from '../../../src/engine/registry/summarizeTransfer';
import { EMPTY_TRANSFER, type ProgressMessage, type TransferState } from '../../../src/engine/registry/TransferState';

/** A push of a 3-layer image as Engine 20.10 streams it: the layers are named one message at a time. */
const PUSH: ProgressMessage[] = [
  { status: 'The push refers to repository [127.0.0.1:5000/walk/app]' },
  { status: 'Preparing', id: 'aaaaaaaaaaaa' },
  { status: 'Preparing', id: 'bbbbbbbbbbbb' },
  { status: 'Preparing', id: 'cccccccccccc' },
  { status: 'Pushing', id: 'cccccccccccc', progressDetail: { current: 512, total: 1024 } },
  { status: 'Layer already exists', id: 'aaaaaaaaaaaa' },
  { status: 'Pushed', id: 'bbbbbbbbbbbb' },
  { status: 'Pushed', id: 'cccccccccccc' },
];

function messages(expected?: number): string[] {
  let state: TransferState = EMPTY_TRANSFER;
  const out: string[] = [];
  for (const m of PUSH) {
    const next = reduceLayerProgress(state, m);
    if (next !== state) out.push(summarizeTransfer((state = next), expected).message);
  }
  return out;
}

test('with the count known beforehand (a push), every line says "of 3", never "0 of 1 layers"', () => {
  assert.deepEqual(messages(3), [
    '0 of 3 layers done',
    '0 of 3 layers done',
    '0 of 3 layers done',
    '0 of 3 layers done, 512 B of 1.02 kB',
    '1 of 3 layers done, 512 B of 1.02 kB',
    '2 of 3 layers done, 512 B of 1.02 kB',
    '3 of 3 layers done',
  ]);
});

test('without it, no total (and no fraction) until the layers have all been named', () => {
  const lines = messages(undefined);
  assert.deepEqual(lines.slice(0, 3), ['1 layer so far, 0 done', '2 layers so far, 0 done', '3 layers so far, 0 done']);
  assert.equal(lines[3], '0 of 3 layers done, 512 B of 1.02 kB');
  assert.equal(summarizeTransfer({ ...EMPTY_TRANSFER, layers: [{ id: 'a', phase: 'preparing' }] }).fraction, undefined);
  assert.ok(lines.every((l) => !/\b1 layers\b/.test(l)));
});

test('one layer is "1 layer"', () => {
  assert.equal(summarizeTransfer({ ...EMPTY_TRANSFER, layers: [{ id: 'a', phase: 'pushed' }] }).message, '1 of 1 layer done');
});
