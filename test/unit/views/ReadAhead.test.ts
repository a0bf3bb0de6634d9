import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadAhead } from '../../../src/views/ReadAhead';

test('rows read ahead are what every later ask gets, without reading again', async () => {
  let reads = 0;
  const rows = new ReadAhead(async () => [`read ${++reads}`]);
  await rows.prime();
  assert.equal(reads, 1);
  // VS Code may ask a row for its children twice in one redraw: both get the rows read ahead.
  assert.deepEqual(await rows.get(), ['read 1']);
  assert.deepEqual(await rows.get(), ['read 1']);
  assert.equal(reads, 1, 'the primed rows were given without another read');
});

test('an ask while the read ahead is still running waits for that read, not a second one', async () => {
  let reads = 0;
  let finish!: () => void;
  const rows = new ReadAhead(async () => {
    reads++;
    await new Promise<void>((resolve) => (finish = resolve));
    return reads;
  });
  const primed = rows.prime();
  const asked = rows.get();
  finish();
  await primed;
  assert.equal(await asked, 1);
  assert.equal(reads, 1);
});

test('a read ahead that fails is not kept: the ask reads again and meets its own error', async () => {
  let reads = 0;
  const rows = new ReadAhead(async () => {
    reads++;
    throw new Error(`engine refused read ${reads}`);
  });
  await rows.prime(); // does not throw: nobody asked yet
  await assert.rejects(rows.get(), /engine refused read 2/);
  await assert.rejects(rows.get(), /engine refused read 3/);
  assert.equal(reads, 3);
});

test('without a read ahead, each ask reads', async () => {
  let reads = 0;
  const rows = new ReadAhead(async () => ++reads);
  assert.equal(await rows.get(), 1);
  assert.equal(await rows.get(), 2);
});
