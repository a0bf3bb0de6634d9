import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringDecoder } from 'node:string_decoder';
import { LogDemuxer, type LogChunk } from '../../../src/engine/logs/LogDemuxer';
import { seededRandom } from '../../support/seededRandom';

function frame(kind: 1 | 2, body: string | Buffer): Buffer {
  const bytes = Buffer.from(body);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(bytes.length, 4);
  return Buffer.concat([header, bytes]);
}

/** Splits `pieces` as reads of one connection; each piece is a copy, since split takes its Buffer over. */
function split(tty: boolean, pieces: Buffer[]): { stdout: string; stderr: string } {
  const d = new LogDemuxer(tty);
  const out = { stdout: '', stderr: '' };
  for (const p of pieces) for (const c of d.split(Buffer.from(p))) out[c.stream] += c.data.toString();
  return out;
}

test('frames cut at every possible place still come out whole, stdout and stderr apart', () => {
  const all = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err one\n'), frame(1, ''), frame(1, 'out two\n')]);
  const want = { stdout: 'out one\nout two\n', stderr: 'err one\n' };
  for (let cut = 0; cut <= all.length; cut++) {
    for (let cut2 = cut; cut2 <= all.length; cut2++) {
      assert.deepEqual(split(false, [all.subarray(0, cut), all.subarray(cut, cut2), all.subarray(cut2)]), want, `cut at ${cut} and ${cut2}`);
    }
  }
  assert.deepEqual(split(false, [...all].map((b) => Buffer.from([b]))), want);
  const random = seededRandom(11);
  const pieces: Buffer[] = [];
  for (let at = 0; at < all.length; ) {
    const n = 1 + Math.floor(random() * 7);
    pieces.push(all.subarray(at, at + n));
    at += n;
  }
  assert.deepEqual(split(false, pieces), want);
});

test('payloads long and short, moved in place over the headers, come out unchanged', () => {
  // Past the byte-by-byte limit a payload is moved with copyWithin: both ways must give the same bytes.
  const random = seededRandom(7);
  const bodies = Array.from({ length: 300 }, (_, n) => Buffer.from(Array.from({ length: Math.floor(random() * (n % 3 === 0 ? 5000 : 100)) }, () => Math.floor(random() * 256))));
  const kinds = bodies.map((_, n): 1 | 2 => (n % 7 === 0 ? 2 : 1));
  const all = Buffer.concat(bodies.map((b, n) => frame(kinds[n], b)));
  for (const size of [1, 9, 100, 4096, all.length]) {
    const d = new LogDemuxer(false);
    const got = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    for (let at = 0; at < all.length; at += size) for (const c of d.split(Buffer.from(all.subarray(at, at + size)))) got[c.stream].push(Buffer.from(c.data));
    assert.ok(Buffer.concat(got.stdout).equals(Buffer.concat(bodies.filter((_, n) => kinds[n] === 1))), `stdout, reads of ${size}`);
    assert.ok(Buffer.concat(got.stderr).equals(Buffer.concat(bodies.filter((_, n) => kinds[n] === 2))), `stderr, reads of ${size}`);
  }
});

test('a TTY stream has no frames: passed through as stdout, without a copy', () => {
  const bytes = Buffer.from('\x01\x00raw');
  const runs = new LogDemuxer(true).split(bytes);
  assert.deepEqual(runs.map((r) => [r.stream, r.data.toString()]), [['stdout', '\x01\x00raw']]);
  assert.equal(runs[0].data, bytes);
  assert.deepEqual(new LogDemuxer(true).split(Buffer.alloc(0)), []);
});

test('frames of one stream that arrive together come out as one run, in order, stdout and stderr still apart', () => {
  const d = new LogDemuxer(false);
  const lines = Array.from({ length: 1000 }, (_, n) => frame(1, `${n}\n`));
  const runs: LogChunk[] = d.split(Buffer.concat([...lines, frame(2, 'oops\n'), frame(1, 'a\n'), frame(1, 'b\n')]));
  assert.deepEqual(runs.map((c) => c.stream), ['stdout', 'stderr', 'stdout']);
  assert.equal(runs[0].data.toString(), Array.from({ length: 1000 }, (_, n) => `${n}\n`).join(''));
  assert.deepEqual([runs[1].data.toString(), runs[2].data.toString()], ['oops\n', 'a\nb\n']);
  // A read that holds only (part of) a header gives no run.
  assert.deepEqual(d.split(frame(2, 'x').subarray(0, 5)), []);
});

test('a UTF-8 character split across frames and across reads decodes whole once the runs are decoded as a stream', () => {
  const text = 'héllo → 世界 🐳\n';
  const bytes = Buffer.from(text);
  for (let cut = 1; cut < bytes.length; cut++) {
    const all = Buffer.concat([frame(1, ''), frame(1, bytes.subarray(0, cut)), frame(1, bytes.subarray(cut))]);
    for (const at of [3, 8, 8 + cut, all.length - 1]) {
      const d = new LogDemuxer(false);
      const decoder = new StringDecoder('utf8');
      let out = '';
      for (const piece of [all.subarray(0, at), all.subarray(at)]) for (const c of d.split(Buffer.from(piece))) out += decoder.write(c.data);
      assert.equal(out + decoder.end(), text, `frame cut at ${cut}, read cut at ${at}`);
    }
  }
});
