import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { streamChunks } from '../../../src/engine/layers/streamChunks';

test('every chunk as the stream made it, none joined, in order, even when the reader is slower than the stream', async () => {
  const chunks = Array.from({ length: 100 }, (_, i) => Buffer.alloc(1000 + i, i));
  const stream = Readable.from(chunks, { objectMode: false });
  const seen: Buffer[] = [];
  for await (const chunk of streamChunks(stream)) {
    seen.push(chunk);
    if (seen.length % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(seen.length, chunks.length);
  seen.forEach((c, i) => assert.ok(c.equals(chunks[i]), `chunk ${i}`));
});

test("the stream's error is thrown after the chunks that came before it", async () => {
  const stream = new PassThrough();
  stream.write(Buffer.from('first'));
  setImmediate(() => stream.destroy(new Error('engine went away')));
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const chunk of streamChunks(stream)) seen.push(chunk.toString());
  }, /engine went away/);
  assert.deepEqual(seen, ['first']);
});

test('a stream closed before its end is an error, not a short read', async () => {
  const stream = new PassThrough();
  stream.write(Buffer.from('part'));
  setImmediate(() => stream.destroy());
  await assert.rejects(async () => {
    for await (const chunk of streamChunks(stream)) void chunk;
  }, /closed before its end/);
});

test('a reader that stops early destroys the stream, and a many-chunk burst pauses it', async () => {
  const stream = new PassThrough();
  for (let i = 0; i < 40; i++) stream.write(Buffer.alloc(10, i));
  let paused = false;
  for await (const chunk of streamChunks(stream)) {
    paused ||= stream.isPaused();
    if (chunk[0] === 20) break;
  }
  assert.ok(paused, 'paused while 16 chunks were waiting');
  assert.ok(stream.destroyed);
});
