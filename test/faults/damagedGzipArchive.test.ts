import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ArchiveError } from '../../src/engine/images/ArchiveError';
import { EngineError } from '../../src/engine/EngineError';
import { loadImages } from '../../src/engine/images/loadImages';
import { saveImages } from '../../src/engine/images/saveImages';
import { buildUniqueImage, imageIdOrUndefined, imagesTouching, tarEntries } from '../integration/images/imagesKit';
import { cleanup, ensureBaseImage, testEngine, uniqueName } from '../support/testEngine';

/**
 * Damaged `.tar.gz` archives written by a real save, loaded into the real engine.
 * test/integration/images/saveLoad.test.ts covers plain tars (truncated, a header
 * overwritten, a layer's bytes changed) and test/unit/images/checkImageArchive.test.ts
 * synthetic ones; these are the compressed form, end to end: what the pre-check
 * catches never reaches the engine, and what only the engine can see changes nothing.
 */
const engine = testEngine();
const ns = uniqueName('stowage-fault-gz');
const ref = `${ns}/app:v1`;
const dir = mkdtempSync(join(tmpdir(), 'stowage-fault-gz-'));
let id = '';
let good = '';

before(async () => {
  await ensureBaseImage(engine);
  id = await buildUniqueImage(engine, ref, 300_000);
  good = join(dir, 'good.tar.gz');
  await saveImages(engine, [ref], good);
  await cleanup(engine, { images: [ref] });
  assert.equal(await imageIdOrUndefined(engine, id), undefined);
});
after(async () => {
  await cleanup(engine, { images: [ref] });
  rmSync(dir, { recursive: true, force: true });
});

test('a truncated or garbled .tar.gz is refused before the engine is asked; the engine has nothing new', async () => {
  const gz = readFileSync(good);
  const cases: Array<[string, Buffer, RegExp]> = [
    ['cut-in-half.tar.gz', gz.subarray(0, gz.length >> 1), /is a damaged (gzip file|archive inside its gzip compression)/],
    ['cut-at-the-end.tar.gz', gz.subarray(0, gz.length - 8), /is a damaged (gzip file|archive inside its gzip compression)/],
    ['garbled.tar.gz', Buffer.from(gz).fill(0x55, gz.length >> 1, (gz.length >> 1) + 64), /is a damaged (gzip file|archive)/],
    ['only-the-header.tar.gz', gz.subarray(0, 10), /is a damaged (gzip file|archive)/],
  ];
  const listed = await imagesTouching(engine, ns, [id]);
  const requests = engine.requestCount;
  for (const [name, bytes, expected] of cases) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    await assert.rejects(loadImages(engine, path), (err: unknown) => {
      assert.ok(err instanceof ArchiveError, `${name}: ${String(err)}`);
      assert.ok(err.message.startsWith(path), `${name}: the message names the file: ${err.message}`);
      assert.match(err.message, expected, name);
      return true;
    });
  }
  assert.equal(engine.requestCount, requests, 'nothing was sent to the engine');
  assert.deepEqual(await imagesTouching(engine, ns, [id]), listed);
});

test('a .tar.gz whose gzip is sound but whose layer bytes changed: the engine refuses it by digest, and no image appears', async () => {
  const tar = gunzipSync(readFileSync(good));
  const plain = join(dir, 'plain.tar');
  writeFileSync(plain, tar);
  const entries = await tarEntries(plain, (n) => n === 'manifest.json');
  const manifest = JSON.parse(entries.find((e) => e.entry.name === 'manifest.json')!.content!.toString()) as Array<{ Layers: string[] }>;
  const own = entries.find((e) => e.entry.name === manifest[0].Layers.at(-1))!.entry;
  const damaged = Buffer.from(tar);
  damaged.fill(0x55, own.offset + 512 + (own.size >> 1), own.offset + 512 + (own.size >> 1) + 4096);
  const path = join(dir, 'layer-changed.tar.gz');
  writeFileSync(path, gzipSync(damaged));

  const listed = await imagesTouching(engine, ns, [id]);
  await assert.rejects(loadImages(engine, path), (err: unknown) => {
    assert.ok(err instanceof EngineError, String(err));
    assert.match(err.message, /the archive is damaged; the engine says: invalid diffID/);
    assert.match(err.message, /No image was loaded/);
    return true;
  });
  assert.deepEqual(await imagesTouching(engine, ns, [id]), listed);
  assert.equal(await imageIdOrUndefined(engine, id), undefined);

  const loaded = await loadImages(engine, good);
  assert.deepEqual(loaded.references, [ref], 'the intact archive loads');
});
