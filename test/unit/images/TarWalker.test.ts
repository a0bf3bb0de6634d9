import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TarFormatError, TarWalker, type TarEntry } from '../../../src/engine/images/TarWalker';
import { END, entry, header, pax } from './tarFixture';


function walk(archive: Buffer, chunkSize: number, keep: (n: string) => boolean = () => false): Array<{ e: TarEntry; content?: string }> {
  const seen: Array<{ e: TarEntry; content?: string }> = [];
  const w = new TarWalker((e, c) => seen.push({ e, content: c?.toString() }), keep);
  for (let i = 0; i < archive.length; i += chunkSize) w.write(archive.subarray(i, i + chunkSize));
  w.end();
  return seen;
}

const archive = Buffer.concat([
  entry('abc/', '', '5'),
  entry('abc/layer.tar', 'x'.repeat(1500)),
  entry('./manifest.json', '[{"Config":"c.json"}]'),
  pax({ path: 'a/very/long/' + 'n'.repeat(150) }),
  entry('shortened', 'pax named'),
  entry('link', '', '2'),
  END,
]);

test('entries, names (./ prefix, PAX path) and kept content, in any chunking', () => {
  for (const size of [1, 7, 511, 512, 513, 4096, archive.length]) {
    const seen = walk(archive, size, (n) => n === 'manifest.json');
    assert.deepEqual(
      seen.map((s) => [s.e.name, s.e.type, s.e.size]),
      [['abc/', '5', 0], ['abc/layer.tar', '0', 1500], ['manifest.json', '0', 21], ['a/very/long/' + 'n'.repeat(150), '0', 9], ['link', '2', 0]],
      `chunk size ${size}`,
    );
    assert.equal(seen[2].content, '[{"Config":"c.json"}]');
    assert.equal(seen[1].content, undefined, 'content not asked for is not kept');
  }
});

test('positional reading: content nobody keeps is skipped unread', () => {
  const seen: string[] = [];
  const w = new TarWalker((e) => seen.push(e.name));
  let pos = 0;
  let read = 0;
  while (!w.finished) {
    const skip = Math.min(w.skippable(), archive.length - pos);
    if (skip > 0) {
      w.skip(skip);
      pos += skip;
      continue;
    }
    w.write(archive.subarray(pos, pos + 512));
    pos += 512;
    read += 512;
  }
  w.end();
  assert.equal(seen.length, 5);
  assert.ok(read < archive.length - 1500, 'the 1500-byte layer was not read');
});

function failure(data: Buffer): TarFormatError {
  try {
    walk(data, 1000);
  } catch (err) {
    assert.ok(err instanceof TarFormatError);
    return err;
  }
  assert.fail('should have failed');
}

test('truncation anywhere is found, with where', () => {
  assert.match(failure(archive.subarray(0, 1200)).message, /^truncated: abc\/layer\.tar needs 1500 bytes but the data ends 1324 bytes short, at byte 1200$/);
  assert.match(failure(archive.subarray(0, 700)).message, /truncated in the middle of a tar header at byte 512/);
  assert.match(failure(archive.subarray(0, 512 + 512 + 1500)).message, /inside the padding/);
  const noEnd = archive.subarray(0, archive.length - END.length);
  assert.match(failure(noEnd).message, new RegExp(`data stops at byte ${noEnd.length} without tar's end-of-archive marker`));
  assert.match(failure(Buffer.alloc(0)).message, /holds no data/);
});

test('garbage over a header is a checksum mismatch at that header; a lone end block followed by data is refused', () => {
  const damaged = Buffer.from(archive);
  const at = 512 + 512 + 1536; // the manifest.json header
  damaged.fill(0x41, at + 20, at + 60);
  const err = failure(damaged);
  assert.equal(err.message, `no valid tar header at byte ${at} (checksum mismatch)`);
  assert.equal(err.offset, at);
  assert.ok(err.block && err.block.subarray(20, 60).every((x) => x === 0x41), 'the bad block is handed back');

  const hole = Buffer.concat([entry('a', 'x'), Buffer.alloc(512), entry('b', 'y'), END]);
  assert.match(failure(hole).message, /end-of-archive block at byte 1024 is followed by more data/);
});

test('a JSON error where a header should be (how the engine reports a failed save) is caught', () => {
  const json = Buffer.alloc(512);
  json.write('{"errorDetail":{"message":"boom"},"error":"boom"}\n');
  const err = failure(Buffer.concat([entry('a', 'x'), json]));
  assert.equal(err.offset, 1024);
  assert.match(err.block!.toString(), /"error":"boom"/);
});

test('one end block then the end of data is accepted, as Go does; data after the end marker is ignored', () => {
  assert.equal(walk(Buffer.concat([entry('a', 'x'), Buffer.alloc(512)]), 100).length, 1);
  assert.equal(walk(Buffer.concat([entry('a', 'x'), END, Buffer.from('trailing record padding')]), 100).length, 1);
});

test('base-256 sizes are read', () => {
  const h = header('big', 0);
  h.fill(0, 124, 136);
  h[124] = 0x80;
  h.writeUInt32BE(3, 132);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const x of h) sum += x;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  const seen = walk(Buffer.concat([h, Buffer.from('abc'), Buffer.alloc(509), END]), 64);
  assert.equal(seen[0].e.size, 3);
});

test('checksums over bytes above 127 in every part of the header, summed unsigned or signed, are accepted; one off is refused', () => {
  // A header whose every byte outside the numeric fields and magic is high: the
  // name, link name, owner names, prefix and the tail past the prefix.
  const withSum = (signed: boolean, delta = 0): Buffer => {
    const b = header('x', 0, '0');
    for (const [from, to] of [[1, 100], [157, 257], [265, 345], [345, 500], [500, 512]]) b.fill(0xfe, from, to);
    b.fill(0xa9, 1, 2);
    b.write(' '.repeat(8), 148);
    let sum = 0;
    for (const x of b) sum += signed && x > 127 ? x - 256 : x;
    b.write((sum + delta).toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    return Buffer.concat([b, END]);
  };
  for (const signed of [false, true]) {
    for (const size of [1, 512, 1536]) assert.equal(walk(withSum(signed), size).length, 1, `signed ${signed}, chunk size ${size}`);
    assert.match(failure(withSum(signed, 1)).message, /^no valid tar header at byte 0 \(checksum mismatch\)$/);
  }
});
