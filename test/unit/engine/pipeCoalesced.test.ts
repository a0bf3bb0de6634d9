import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeCoalesced } from '../../../src/engine/logs/pipeCoalesced';

/** A source that, like an HTTP response of a chunked log, pushes one small Buffer per line, all at once. */
function burst(lines: number): Readable {
  const r = new Readable({ read() {} });
  for (let n = 0; n < lines; n++) r.push(Buffer.from(`line ${n}\n`));
  r.push(null);
  return r;
}

test('what the source has buffered is written as one piece, whole and in order, then the destination is ended', async () => {
  const writes: Buffer[] = [];
  const to = new Writable({ write: (b: Buffer, _e, done) => (writes.push(b), done()) });
  const finished = new Promise((r) => to.on('finish', r));
  pipeCoalesced(burst(1000), to);
  await finished;
  assert.equal(Buffer.concat(writes).toString(), Array.from({ length: 1000 }, (_, n) => `line ${n}\n`).join(''));
  // Piped, that is 1,000 writes; read in paused mode, the 1,000 pushes come out together.
  assert.ok(writes.length <= 2, `${writes.length} writes`);
});

test('nothing more is read while the destination is full, and all of it arrives once it drains', async () => {
  const from = new Readable({ read() {} });
  const pending: Array<() => void> = [];
  const got: string[] = [];
  const to = new Writable({ highWaterMark: 2, write: (b: Buffer, _e, done) => (got.push(b.toString()), pending.push(done)) });
  pipeCoalesced(from, to);
  from.push(Buffer.from('one'));
  await waitFor(() => got.length === 1);
  from.push(Buffer.from('two'));
  from.push(Buffer.from('three'));
  // The destination holds "one" unfinished past its highWaterMark: the source keeps what came since.
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, ['one']);
  assert.equal(from.readableLength, 'twothree'.length);
  pending.shift()!();
  await waitFor(() => got.length === 2);
  assert.deepEqual(got, ['one', 'twothree']);
});

test('once stopped, nothing more is read and the destination is not ended', async () => {
  const from = new Readable({ read() {} });
  const got: string[] = [];
  const to = new Writable({ write: (b: Buffer, _e, done) => (got.push(b.toString()), done()) });
  const stop = pipeCoalesced(from, to);
  from.push(Buffer.from('before'));
  await waitFor(() => got.length === 1);
  stop();
  from.push(Buffer.from('after'));
  from.push(null);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, ['before']);
  assert.equal(to.writableEnded, false);
});

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
