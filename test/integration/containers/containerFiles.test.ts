import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyOutOfContainer } from '../../../src/engine/containers/copyOutOfContainer';
import { readContainerFile } from '../../../src/engine/containers/readContainerFile';
import { readWritableLayer } from '../../../src/engine/containers/readWritableLayer';
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

  test('a stopped container is read the same way', async () => {
    docker('stop', '-t', '0', name);
    assert.equal((await readContainerFile(engine, name, '/data/a.txt')).toString(), 'from container\n');
  });
});
