import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { copyOutOfContainer } from '../../../src/engine/containers/copyOutOfContainer';
import { readContainerFile } from '../../../src/engine/containers/readContainerFile';
import { readWritableLayer } from '../../../src/engine/containers/readWritableLayer';
import { statContainerPath, statIsFolder, statIsSymlink } from '../../../src/engine/containers/openContainerArchive';
import { readImageExport } from '../../../src/engine/layers/readImageExport';
import { containerTree, sortedChildren } from '../../../src/model/layers/containerTree';
import { buildBusyboxImage, cleanup, ensureBaseImage, runTestContainer, testEngine, uniqueName, BASE_IMAGE } from '../../support/testEngine';

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' });

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(path)) h.update(c as Buffer);
  return h.digest('hex');
}

describe('container files: read and copied out through the archive endpoint, no shell', () => {
  const lines: string[] = [];
  const engine = testEngine((l) => lines.push(l));
  const tag = `${uniqueName('stowage-cfiles')}/img:v1`;
  const name = uniqueName('stowage-cfiles');
  const dest = mkdtempSync(join(tmpdir(), 'stowage-copyout-'));
  let bigSum = '';

  before(async () => {
    await ensureBaseImage(engine);
    await buildBusyboxImage(engine, tag, {
      base: BASE_IMAGE,
      extra: ['RUN mkdir -p /data/sub && echo "from image" > /data/a.txt && echo kept > /data/keep.txt && echo deep > /data/sub/deep.txt && ln -s a.txt /data/link'],
    });
    await runTestContainer(engine, tag, name);
    // The writable layer: one file rewritten, one added, one removed, 100 MB of random bytes.
    docker('exec', name, 'sh', '-c', 'echo "from container" > /data/a.txt && echo new > /data/new.txt && rm /data/keep.txt && dd if=/dev/urandom of=/data/big.bin bs=1M count=100 2>/dev/null');
    bigSum = docker('exec', name, 'sha256sum', '/data/big.bin').split(' ')[0];
  });
  after(async () => {
    await cleanup(engine, { containers: [name], images: [tag] });
    rmSync(dest, { recursive: true, force: true });
  });

  test('a file reads as the container sees it: the writable layer over the image', async () => {
    assert.equal((await readContainerFile(engine, name, '/data/a.txt')).toString(), 'from container\n');
    assert.equal((await readContainerFile(engine, name, '/data/new.txt')).toString(), 'new\n');
    assert.equal((await readContainerFile(engine, name, '/data/sub/deep.txt')).toString(), 'deep\n');
  });

  test('removed, folder, link, too large and relative paths each say what is wrong', async () => {
    await assert.rejects(readContainerFile(engine, name, '/data/keep.txt'), (e: Error) => /keep\.txt/.test(e.message) && /no such file|not found|Could not find/i.test(e.message));
    await assert.rejects(readContainerFile(engine, name, '/data/sub'), /it is a folder/);
    await assert.rejects(readContainerFile(engine, name, '/data/link'), /symbolic link to a\.txt/);
    const before = lines.length;
    await assert.rejects(readContainerFile(engine, name, '/data/big.bin'), /104,857,600 bytes, more than the 64 MiB/);
    await assert.rejects(readContainerFile(engine, name, 'data/a.txt'), /must be absolute/);
    assert.ok(lines.length - before <= 1, 'the relative path made no engine call');
  });

  test('Copy Out writes a folder as the container sees it, links as links, 100 MB byte for byte', async () => {
    const r = await copyOutOfContainer(engine, name, '/data', dest, async () => assert.fail('nothing to replace yet'));
    assert.equal(r.target, join(dest, 'data'));
    assert.deepEqual(readdirSync(join(dest, 'data')).sort(), ['a.txt', 'big.bin', 'link', 'new.txt', 'sub']);
    assert.equal(readFileSync(join(dest, 'data/a.txt'), 'utf8'), 'from container\n');
    assert.equal(readlinkSync(join(dest, 'data/link')), 'a.txt');
    assert.equal(statSync(join(dest, 'data/big.bin')).size, 100 * 1024 * 1024);
    assert.equal(await sha256(join(dest, 'data/big.bin')), bigSum);
    assert.deepEqual(readdirSync(dest), ['data'], 'no partial folder left behind');
  });

  test('an existing target is replaced only when confirmed; declined, it is left as it was', async () => {
    writeFileSync(join(dest, 'a.txt'), 'mine');
    let asked = '';
    const kept = await copyOutOfContainer(engine, name, '/data/a.txt', dest, async (t) => ((asked = t), false));
    assert.equal(asked, join(dest, 'a.txt'));
    assert.equal(kept.target, undefined);
    assert.equal(readFileSync(join(dest, 'a.txt'), 'utf8'), 'mine');
    const replaced = await copyOutOfContainer(engine, name, '/data/a.txt', dest, async () => true);
    assert.equal(replaced.target, join(dest, 'a.txt'));
    assert.equal(readFileSync(join(dest, 'a.txt'), 'utf8'), 'from container\n');
    assert.deepEqual(readdirSync(dest).sort(), ['a.txt', 'data']);
  });

  test('a path the container does not have, and a destination that is not a folder, fail before anything is written', async () => {
    await assert.rejects(copyOutOfContainer(engine, name, '/nope', dest, async () => true), /nope/);
    await assert.rejects(copyOutOfContainer(engine, name, '/data', join(dest, 'a.txt'), async () => true), /does not exist or is not a folder/);
    await assert.rejects(copyOutOfContainer(engine, name, '/', dest, async () => true), /not its whole filesystem/);
    assert.deepEqual(readdirSync(dest).sort(), ['a.txt', 'data']);
    assert.equal(existsSync(join(dest, 'nope')), false);
  });

  test("the container's tree: image layers under the writable layer, each path telling where it comes from", async () => {
    const image = await readImageExport(engine, tag);
    const writable = await readWritableLayer(engine, name);
    const root = containerTree(
      image.layers.map((l) => l.index.entries),
      writable,
    );
    const data = root.children!.get('data')!;
    const rows = sortedChildren(data).map((c) => `${c.name}${c.children ? '/' : ''} ${c.from === 'writable' ? 'writable' : 'image'} ${c.entry?.kind} ${c.entry?.kind === 'file' ? c.entry.size : ''}${c.entry?.link ? `-> ${c.entry.link}` : ''}`);
    assert.deepEqual(rows, [
      'sub/ image dir ',
      'a.txt writable file 15',
      `big.bin writable file ${100 * 1024 * 1024}`,
      'link image symlink -> a.txt',
      'new.txt writable file 4',
    ]);
    assert.ok(root.children!.get('bin')!.children!.size > 100, 'busybox applets from the bottom layer');
  });

  test('a dense writable layer is read through a few archives, each path as the engine stats it', async () => {
    const dense = uniqueName('stowage-cfiles-dense');
    await runTestContainer(engine, tag, dense);
    try {
      // 300 new files, a nested folder, links, a FIFO and modes; with 70 MB beside them, /data is
      // a dense folder past the archive byte limit, so the reader also has to give it up.
      docker('exec', dense, 'sh', '-c', [
        'dd if=/dev/zero of=/data/big.bin bs=1M count=70 2>/dev/null',
        'mkdir -p /data/many/nested && cd /data/many',
        'i=0; while [ $i -lt 300 ]; do printf "%0${i}d" 0 > f$i; i=$((i+1)); done',
        'j=0; while [ $j -lt 80 ]; do echo n$j > nested/g$j; j=$((j+1)); done',
        'chmod 0600 f7 && chmod 0750 nested && ln -s f1 lnk && ln f2 hard && mkfifo pipe',
        'rm /data/sub/deep.txt',
      ].join(' && '));
      await checkDense(dense);
    } finally {
      await cleanup(engine, { containers: [dense] });
    }
  });

  async function checkDense(name: string): Promise<void> {
    const before = lines.length;
    const writable = await readWritableLayer(engine, name);
    const calls = lines.length - before;
    const byPath = new Map(writable.map((e) => [e.path, e]));
    assert.equal(byPath.get('data/sub/deep.txt')?.kind, 'whiteout');
    assert.equal(byPath.get('data/many/f299')?.size, 299);
    assert.equal(byPath.get('data/many/f7')!.mode & 0o7777, 0o600);
    assert.equal(byPath.get('data/many/nested')!.mode & 0o7777, 0o750);
    assert.equal(byPath.get('data/many/lnk')?.link, 'f1');
    assert.equal(byPath.get('data/big.bin')?.size, 70 * 1024 * 1024);
    // Every path agrees with the engine's own stat of it (the one-HEAD-per-path way).
    let compared = 0;
    for (const e of writable) {
      if (e.kind === 'whiteout') continue;
      const s = await statContainerPath(engine, name, `/${e.path}`);
      const kind = statIsFolder(s) ? 'dir' : statIsSymlink(s) ? 'symlink' : e.kind === 'other' ? 'other' : 'file';
      assert.equal(e.kind, kind, e.path);
      if (kind === 'file') assert.equal(e.size, s.size, e.path);
      assert.equal(e.mode & 0o777, s.mode & 0o777, e.path);
      // The engine's stat resolves a link; the archive keeps it as written (as ls -l shows it).
      if (kind === 'symlink') assert.equal(posix.resolve('/', posix.dirname(e.path), e.link!), s.linkTarget, e.path);
      compared++;
    }
    assert.ok(compared > 380, `${compared} paths compared`);
    // One HEAD per path was 390 calls; /data given up at its byte limit, /data/many read whole.
    assert.ok(calls < 20, `${calls} engine calls: ${lines.slice(before).join(' | ')}`);
  }

  test('a stopped container is read the same way', async () => {
    docker('stop', '-t', '0', name);
    assert.equal((await readContainerFile(engine, name, '/data/a.txt')).toString(), 'from container\n');
  });
});
