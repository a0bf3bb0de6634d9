import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackCopy } from '../../../src/engine/containers/copyOutOfContainer';
import { END, entry, header } from '../images/tarFixture';

function withLink(name: string, type: '1' | '2', link: string): Buffer {
  const b = header(name, 0, type);
  b.write(link, 157, 'utf8');
  b.write(' '.repeat(8), 148);
  let sum = 0;
  for (const x of b) sum += x;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return b;
}

async function* chunked(tar: Buffer, size = 100): AsyncGenerator<Buffer> {
  for (let i = 0; i < tar.length; i += size) yield tar.subarray(i, i + size);
}

function scratch(): { root: string; temp: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'stowage-unpack-'));
  const temp = join(root, 'temp');
  const outside = join(root, 'outside');
  mkdirSync(temp);
  mkdirSync(outside);
  return { root, temp, outside };
}

test('a folder with files, a symlink and a hard link is written as sent, links as links', async () => {
  const { root, temp } = scratch();
  try {
    const tar = Buffer.concat([
      entry('data/', '', '5'),
      entry('data/a.txt', 'alpha\n'),
      entry('data/sub/b.txt', 'beta'),
      withLink('data/link', '2', 'a.txt'),
      withLink('data/hard', '1', 'data/a.txt'),
      END,
    ]);
    const r = await unpackCopy(chunked(tar), 'data', temp, 'copy /data');
    assert.deepEqual({ files: r.files, bytes: r.bytes }, { files: 2, bytes: 10 });
    assert.equal(readFileSync(join(temp, 'data/a.txt'), 'utf8'), 'alpha\n');
    assert.equal(readFileSync(join(temp, 'data/sub/b.txt'), 'utf8'), 'beta');
    assert.equal(readlinkSync(join(temp, 'data/link')), 'a.txt');
    assert.equal(lstatSync(join(temp, 'data/hard')).ino, lstatSync(join(temp, 'data/a.txt')).ino);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

for (const [what, tar, says] of [
  ['a ../ entry', Buffer.concat([entry('data/', '', '5'), entry('data/../../outside/x', 'evil'), END]), /climbs out of the archive with \.\.\//],
  ['an absolute entry', Buffer.concat([entry('/outside/x', 'evil'), END]), /is an absolute path/],
  ['an entry beside the copied one', Buffer.concat([entry('other/x', 'evil'), END]), /is outside data/],
  ['a hard link that climbs out', Buffer.concat([withLink('data/h', '1', '../outside/secret'), END]), /hard link "data\/h" points to "\.\.\/outside\/secret"/],
] as const) {
  test(`${what} is refused by name and nothing lands outside`, async () => {
    const { root, temp, outside } = scratch();
    try {
      await assert.rejects(unpackCopy(chunked(tar), 'data', temp, 'copy /data'), says);
      assert.deepEqual(readdirSync(outside), []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test('no entry is written through a symlink the archive made: the link comes last, the later file fails to land in it', async () => {
  const { root, temp, outside } = scratch();
  try {
    // data/esc -> the outside folder, then data/esc/x: a naive unpacker writes outside/x.
    const tar = Buffer.concat([entry('data/', '', '5'), withLink('data/esc', '2', outside), entry('data/esc/x', 'evil'), END]);
    await unpackCopy(chunked(tar), 'data', temp, 'copy /data').catch(() => undefined);
    assert.equal(existsSync(join(outside, 'x')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an archive that stops short says the files may have changed while copied', async () => {
  const { root, temp } = scratch();
  try {
    const whole = Buffer.concat([entry('data/a.txt', 'x'.repeat(5000)), END]);
    await assert.rejects(unpackCopy(chunked(whole.subarray(0, 2000)), 'data', temp, 'copy /data'), /stopped short .*may have changed while they were copied/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
