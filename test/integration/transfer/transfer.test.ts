import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../src/engine/Engine';
import { EngineError } from '../../../src/engine/EngineError';
import { parseHost } from '../../../src/engine/resolveEndpoint';
import { Engine as EngineClass } from '../../../src/engine/Engine';
import { transferImage, type TransferProgress } from '../../../src/engine/transfer/transferImage';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../../support/secondEngine';
import { TEST_LABEL, buildBusyboxImage, cleanup, followStream, testEngine, uniqueName } from '../../support/testEngine';

const MIB = 1024 * 1024;

/** What an engine holds, to prove a cancelled or refused transfer left it as it was. */
async function everything(engine: Engine): Promise<string[]> {
  const images = await engine.api.listImages({ all: true });
  return images.flatMap((i) => [i.Id, ...(i.RepoTags ?? [])]).sort();
}

describe('transfer between two real engines', () => {
  const main = testEngine();
  let second: SecondEngine;
  let target: Engine;
  const repo = `stowage-test/${uniqueName('xfer')}`;
  const made: string[] = [];

  before(async () => {
    second = await startSecondEngine('xfer');
    target = second.engine();
  });
  after(async () => {
    await cleanup(main, { images: made });
    await second?.remove();
  });

  async function childOf(base: string, tag: string, bytes = 64 * 1024): Promise<string> {
    made.push(tag);
    return buildBusyboxImage(main, tag, { base, files: { [`app-${tag.replace(/\W/g, '')}.bin`]: randomBytes(bytes) } });
  }

  test('nothing on the target: every layer travels, and ID and name arrive', async () => {
    const base = `${repo}-base1:v1`;
    made.push(base);
    await buildScratchImage(main, base, 2 * MIB);
    const child = `${repo}-app1:v1`;
    const id = await childOf(base, child);
    const updates: TransferProgress[] = [];
    const result = await transferImage(main, target, child, { onProgress: (u) => updates.push(u) });
    assert.equal(result.mode, 'missing-layers');
    assert.equal(result.id, id);
    assert.deepEqual(result.tags, [child]);
    assert.equal(result.layers.length, 3);
    assert.ok(result.layers.every((l) => l.sent && l.bytes > 0), JSON.stringify(result.layers));
    assert.equal(result.bytesSkipped, 0);
    assert.equal(result.bytesSent, result.layers.reduce((n, l) => n + l.bytes, 0));
    assert.ok(result.bytesSent > 2 * MIB);
    assert.equal((await target.api.getImage(child).inspect()).Id, id);
    const mainLayers = (await main.api.getImage(child).inspect()).RootFS?.Layers;
    assert.deepEqual((await target.api.getImage(child).inspect()).RootFS?.Layers, mainLayers);
    // Per-layer progress, each layer ending once, sizes known from the start.
    const ends = updates.filter((u) => u.done);
    assert.deepEqual(ends.map((u) => u.diffId).sort(), [...mainLayers!].sort());
    assert.ok(updates.every((u) => u.sent && u.layerBytes > 0));
  });

  test('base already on the target: only the new layer travels; the image is whole there', async () => {
    const base = `${repo}-base2:v1`;
    made.push(base);
    await buildScratchImage(main, base, 4 * MIB);
    const baseResult = await transferImage(main, target, base);
    // Its busybox layer (the same COPY as every scratch image here) arrived with the first test's image.
    assert.deepEqual(baseResult.layers.map((l) => l.sent), [false, true]);

    const child = `${repo}-app2:v1`;
    const id = await childOf(base, child, 100 * 1024);
    const result = await transferImage(main, target, child);
    assert.equal(result.mode, 'missing-layers');
    assert.equal(result.id, id);
    const [l1, l2, l3] = result.layers;
    assert.deepEqual([l1.sent, l2.sent, l3.sent], [false, false, true]);
    assert.equal(result.bytesSkipped, l1.bytes + l2.bytes);
    assert.ok(result.bytesSkipped > 4 * MIB);
    assert.equal(result.bytesSent, l3.bytes);
    // The archive that travelled: the new layer plus configs and headers, not the base.
    assert.ok(result.archiveBytes < l3.bytes + 64 * 1024, `${result.archiveBytes} bytes sent for a ${l3.bytes}-byte layer`);
    assert.equal((await target.api.getImage(child).inspect()).Id, id);

    // The layers the target built from its own store are the real ones: a save of it there matches the source's.
    const there = await target.api.getImage(child).inspect();
    assert.deepEqual(there.RootFS?.Layers, (await main.api.getImage(child).inspect()).RootFS?.Layers);

    // Full mode sends everything, and the result is the same image.
    await target.api.getImage(child).remove();
    const full = await transferImage(main, target, child, { full: true });
    assert.equal(full.mode, 'full');
    assert.equal(full.bytesSkipped, 0);
    assert.ok(full.bytesSent > 4 * MIB);
    assert.equal((await target.api.getImage(child).inspect()).Id, id);
  });

  test('a layer the target holds under another parent is sent: presence is by chain ID, not diff ID alone', async () => {
    // One payload file, built into two images: alone (scratch + payload), and over busybox.
    // Its layer has the same diff ID in both, but not the same chain.
    const dir = mkdtempSync(join(tmpdir(), 'stowage-chain-'));
    const alone = `${repo}-alone:v1`;
    const stacked = `${repo}-stacked:v1`;
    made.push(alone, stacked);
    try {
      copyFileSync('/bin/busybox', join(dir, 'busybox'));
      writeFileSync(join(dir, 'payload.bin'), randomBytes(MIB));
      writeFileSync(join(dir, 'Dockerfile.alone'), 'FROM scratch\nCOPY payload.bin /payload.bin\n');
      writeFileSync(join(dir, 'Dockerfile.stacked'), 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY payload.bin /payload.bin\n');
      for (const [tag, file] of [[alone, 'Dockerfile.alone'], [stacked, 'Dockerfile.stacked']]) {
        const stream = await main.api.buildImage({ context: dir, src: [file, 'busybox', 'payload.bin'] }, { t: tag, dockerfile: file, labels: { [TEST_LABEL]: '1' }, rm: true });
        await followStream(main.api, stream);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const aloneLayers = (await main.api.getImage(alone).inspect()).RootFS!.Layers!;
    const stackedLayers = (await main.api.getImage(stacked).inspect()).RootFS!.Layers!;
    assert.equal(stackedLayers[1], aloneLayers[0], 'the payload layer has one diff ID in both images');
    await transferImage(main, target, alone);
    const result = await transferImage(main, target, stacked);
    assert.deepEqual(result.layers.map((l) => l.sent), [false, true]);
    assert.equal((await target.api.getImage(stacked).inspect()).Id, result.id);
  });

  test('Cancel mid-way leaves the target exactly as it was', async () => {
    const big = `${repo}-big:v1`;
    made.push(big);
    await buildScratchImage(main, big, 96 * MIB);
    const before = await everything(target);
    const controller = new AbortController();
    const err = await transferImage(main, target, big, {
      signal: controller.signal,
      onProgress: (u) => {
        if (u.bytesSent > 8 * MIB) controller.abort();
      },
    }).catch((e: unknown) => e);
    assert.ok(err instanceof EngineError, String(err));
    assert.equal(err.kind, 'cancelled');
    assert.match(err.message, /^Cancelled: copy .* The target is as it was\.$/);
    // The engine may take a moment to drop what the aborted load registered.
    const until = Date.now() + 10_000;
    while (JSON.stringify(await everything(target)) !== JSON.stringify(before) && Date.now() < until) await new Promise((r) => setImmediate(r));
    assert.deepEqual(await everything(target), before);
    await assert.rejects(target.api.getImage(big).inspect(), /no such image/i);
  });

  test('a name the target gives to another image is refused, and the target keeps it', async () => {
    const name = `${repo}-clash:v1`;
    made.push(name);
    await buildScratchImage(main, name, 1024);
    const otherId = await buildScratchImage(target, name, 2048);
    const before = await everything(target);
    await assert.rejects(transferImage(main, target, name), (e: unknown) => e instanceof EngineError && /is another image .* Remove or rename it there first/.test(e.message));
    assert.deepEqual(await everything(target), before);
    assert.equal((await target.api.getImage(name).inspect()).Id, otherId);
    const moved = await transferImage(main, target, name, { replaceNames: true });
    assert.equal((await target.api.getImage(name).inspect()).Id, moved.id);
  });

  test('bad input is refused before any engine request', async () => {
    await assert.rejects(transferImage(main, target, 'Bad:Name:x'), /Invalid image/);
    await assert.rejects(transferImage(main, main, `${repo}-app1:v1`), /it is the source engine itself/);
    await assert.rejects(transferImage(main, target, `${repo}-nope:v1`), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
  });
});

describe('transfer to Podman', () => {
  const main = testEngine();
  const podman = new EngineClass(parseHost('unix:///run/stowage-podman/podman.sock', 'setting'));
  const tag = `stowage-test/${uniqueName('xfer-pm')}:v1`;

  after(async () => {
    await cleanup(main, { images: [tag] });
    await podman.api.getImage(tag).remove({ force: true }).catch(() => {});
  });

  test('Podman gets the full archive, detected from what it is, and the same image ID', async () => {
    const id = await buildScratchImage(main, tag, 512 * 1024);
    const result = await transferImage(main, podman, tag);
    assert.equal(result.mode, 'full');
    assert.match(result.why, /Podman/);
    assert.equal(result.bytesSkipped, 0);
    assert.equal(result.id, id);
    assert.equal((await podman.api.getImage(tag).inspect()).Id, id);
  });
});
