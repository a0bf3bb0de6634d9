import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogFrameSplitter, type LogChunk } from '../../../src/engine/logs/LogFrameSplitter';
import { seededRandom } from '../../support/seededRandom';

function frame(kind: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

async function split(tty: boolean, pieces: Buffer[]): Promise<{ stdout: string; stderr: string }> {
  const s = new LogFrameSplitter(tty);
  const out = { stdout: '', stderr: '' };
  s.on('data', (c: LogChunk) => (out[c.stream] += c.data.toString()));
  const done = new Promise((r) => s.on('end', r));
  for (const p of pieces) s.write(p);
  s.end();
  await done;
  return out;
}

test('frames cut at every possible place still come out whole, stdout and stderr apart', async () => {
  const all = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err one\n'), frame(1, ''), frame(1, 'out two\n')]);
  for (let cut = 0; cut <= all.length; cut++) {
    assert.deepEqual(await split(false, [all.subarray(0, cut), all.subarray(cut)]), { stdout: 'out one\nout two\n', stderr: 'err one\n' }, `cut at ${cut}`);
  }
  const random = seededRandom(11);
  const bytes = [...all].map((b) => Buffer.from([b]));
  assert.deepEqual(await split(false, bytes), { stdout: 'out one\nout two\n', stderr: 'err one\n' });
  const pieces: Buffer[] = [];
  for (let at = 0; at < all.length; ) {
    const n = 1 + Math.floor(random() * 7);
    pieces.push(all.subarray(at, at + n));
    at += n;
  }
  assert.deepEqual(await split(false, pieces), { stdout: 'out one\nout two\n', stderr: 'err one\n' });
});

test('a TTY stream has no frames: passed through as stdout', async () => {
  assert.deepEqual(await split(true, [Buffer.from('\x01\x00raw')]), { stdout: '\x01\x00raw', stderr: '' });
});

test('frames of one stream that arrive together come out as one piece, in order, stdout and stderr still apart', async () => {
  const s = new LogFrameSplitter(false);
  const out: LogChunk[] = [];
  s.on('data', (c: LogChunk) => out.push(c));
  const ended = new Promise((r) => s.on('end', r));
  const lines = Array.from({ length: 1000 }, (_, n) => frame(1, `${n}\n`));
  s.end(Buffer.concat([...lines, frame(2, 'oops\n'), frame(1, 'a\n'), frame(1, 'b\n')]));
  await ended;
  assert.deepEqual(out.map((c) => c.stream), ['stdout', 'stderr', 'stdout']);
  assert.equal(out[0].data.toString(), Array.from({ length: 1000 }, (_, n) => `${n}\n`).join(''));
  assert.deepEqual([out[1].data.toString(), out[2].data.toString()], ['oops\n', 'a\nb\n']);
});

test('a UTF-8 character split across frames and across reads decodes whole once the pieces are decoded as a stream', async () => {
  const text = 'héllo → 世界 🐳\n';
  const bytes = Buffer.from(text);
  for (let cut = 1; cut < bytes.length; cut++) {
    const all = Buffer.concat([frame(1, ''), frameBytes(1, bytes.subarray(0, cut)), frameBytes(1, bytes.subarray(cut))]);
    for (const at of [3, 8, 8 + cut, all.length - 1]) {
      const s = new LogFrameSplitter(false);
      const decoder = new TextDecoder();
      let out = '';
      s.on('data', (c: LogChunk) => (out += decoder.decode(c.data, { stream: true })));
      const ended = new Promise((r) => s.on('end', r));
      s.write(all.subarray(0, at));
      s.end(all.subarray(at));
      await ended;
      assert.equal(out + decoder.decode(), text, `frame cut at ${cut}, read cut at ${at}`);
    }
  }
});

function frameBytes(kind: 1 | 2, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
