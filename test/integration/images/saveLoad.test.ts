import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EngineError } from '../../../src/engine/EngineError';
import { ArchiveError } from '../../../src/engine/images/ArchiveError';
import { checkImageArchive } from '../../../src/engine/images/checkImageArchive';
import { InputError } from '../../../src/engine/images/InputError';
import { loadImages } from '../../../src/engine/images/loadImages';
import { saveImages } from '../../../src/engine/images/saveImages';
import type { ByteProgress } from '../../../src/engine/images/ByteProgress';
import { cleanup, ensureBaseImage, testEngine, uniqueName } from '../../support/testEngine';
import { buildUniqueImage, docker, imageIdOrUndefined, imagesTouching, tarEntries } from './imagesKit';

describe('save and load against a real engine', () => {
  const engine = testEngine();
  const ns = uniqueName('stowage-save');
  const refA = `${ns}/alpha:v1`;
  const refB = `${ns}/beta:v1`;
  const made = { images: [refA, refB, `${ns}/gamma:v1`, `${ns}/cli:v1`] };
  const dir = mkdtempSync(join(tmpdir(), 'stowage-save-'));
  let idA = '';
  let idB = '';

  before(async () => {
    await ensureBaseImage(engine);
    idA = await buildUniqueImage(engine, refA);
    idB = await buildUniqueImage(engine, refB);
  });
  after(async () => {
    await cleanup(engine, made);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Removes the images so a load must really bring them back. */
  async function removeAB(): Promise<void> {
    await cleanup(engine, { images: [refA, refB] });
    assert.equal(await imageIdOrUndefined(engine, idA), undefined);
    assert.equal(await imageIdOrUndefined(engine, idB), undefined);
  }

  for (const file of ['two.tar', 'two.tar.gz']) {
    test(`save of two images into one ${file}, removed, loaded back with the same IDs`, async () => {
      const path = join(dir, file);
      const updates: ByteProgress[] = [];
      const saved = await saveImages(engine, [refA, refB], path, { onProgress: (u) => updates.push(u) });
      assert.equal(saved.gzip, file.endsWith('.gz'));
      const bytes = readFileSync(path);
      assert.equal(saved.bytes, bytes.length);
      assert.equal(bytes[0] === 0x1f && bytes[1] === 0x8b, saved.gzip, 'gzip magic exactly when compressing');
      assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.partial')), [], 'no temp file left');
      assert.equal(updates.at(-1)?.fraction, 1);
      assert.equal(updates.at(-1)?.bytes, saved.tarBytes);
      assert.ok(updates.every((u, i) => i === 0 || u.bytes >= updates[i - 1].bytes));

      const archive = await checkImageArchive(path);
      assert.equal(archive.gzip, saved.gzip);
      assert.deepEqual(archive.images.map((i) => i.repoTags).flat().sort(), [refA, refB].sort());

      await removeAB();
      const loadUpdates: ByteProgress[] = [];
      const loaded = await loadImages(engine, path, { onProgress: (u) => loadUpdates.push(u) });
      assert.deepEqual([...loaded.references].sort(), [refA, refB].sort());
      assert.equal(await imageIdOrUndefined(engine, refA), idA);
      assert.equal(await imageIdOrUndefined(engine, refB), idB);
      assert.equal(loadUpdates.at(-1)?.bytes, saved.bytes, 'progress counts the bytes read from the file');
      assert.equal(loadUpdates.at(-1)?.fraction, 1);
    });
  }

  test('CLI interop: `docker load -i` takes what Stowage saved (tar and tar.gz); Stowage loads what `docker save -o` wrote', async () => {
    for (const file of ['for-cli.tar', 'for-cli.tgz']) {
      const path = join(dir, file);
      await saveImages(engine, [refA], path);
      await cleanup(engine, { images: [refA] });
      const { stdout } = await docker(['load', '-i', path]);
      assert.match(stdout, new RegExp(`Loaded image: ${refA}`));
      assert.equal(await imageIdOrUndefined(engine, refA), idA);
    }

    const fromCli = join(dir, 'from-cli.tar');
    await docker(['save', '-o', fromCli, refB]);
    await cleanup(engine, { images: [refB] });
    const loaded = await loadImages(engine, fromCli);
    assert.deepEqual(loaded.references, [refB]);
    assert.equal(await imageIdOrUndefined(engine, refB), idB);

    // An image saved by ID has no names: both tools then report the ID.
    const byId = join(dir, 'by-id.tar');
    await docker(['save', '-o', byId, idB]);
    await cleanup(engine, { images: [refB] });
    const loadedById = await loadImages(engine, byId);
    assert.deepEqual(loadedById.ids, [idB]);
    await engine.api.getImage(idB).tag({ repo: `${ns}/beta`, tag: 'v1' });
  });

  test('cancel in the middle of a save leaves no file, no temp file, and an existing destination untouched', async () => {
    const fresh = join(dir, 'cancel-new.tar');
    const existing = join(dir, 'cancel-existing.tar');
    writeFileSync(existing, 'what the user had');
    for (const path of [fresh, existing]) {
      const abort = new AbortController();
      let seen = 0;
      await assert.rejects(
        saveImages(engine, [refA, refB], path, {
          signal: abort.signal,
          onProgress: (u) => {
            seen = u.bytes;
            abort.abort();
          },
        }),
        (err: unknown) => err instanceof EngineError && err.kind === 'cancelled',
      );
      assert.ok(seen > 0, 'cancelled after data had started to flow');
    }
    assert.equal(existsSync(fresh), false);
    assert.equal(readFileSync(existing, 'utf8'), 'what the user had');
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.cancel')), [], 'no temp file left');
  });

  test('a save that fails (unknown image) leaves nothing and keeps an existing destination', async () => {
    const existing = join(dir, 'fail-existing.tar');
    writeFileSync(existing, 'keep me');
    const missing = `${ns}/nope:v1`;
    for (const path of [join(dir, 'fail-new.tar'), existing]) {
      await assert.rejects(saveImages(engine, [refA, missing], path), (err: unknown) => err instanceof EngineError && err.kind === 'notFound' && err.message.includes(missing));
    }
    assert.equal(existsSync(join(dir, 'fail-new.tar')), false);
    assert.equal(readFileSync(existing, 'utf8'), 'keep me');
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.fail')), []);

    const before = engine.requestCount;
    await assert.rejects(saveImages(engine, [refA, 'Bad/Name'], join(dir, 'x.tar')), (err: unknown) => err instanceof InputError && err.field === 'image 2');
    await assert.rejects(saveImages(engine, [refA], join(dir, 'no-such-dir', 'x.tar')), (err: unknown) => err instanceof InputError && /does not exist/.test(err.message));
    await assert.rejects(saveImages(engine, [refA], dir), (err: unknown) => err instanceof InputError && /is a folder/.test(err.message));
    await assert.rejects(saveImages(engine, [], join(dir, 'x.tar')), (err: unknown) => err instanceof InputError);
    assert.equal(engine.requestCount, before, 'bad input never reached the engine');
  });

  test('a save the engine fails after it began streaming leaves nothing, and says what the engine said', async () => {
    const real = join(dir, 'real.tar');
    await saveImages(engine, [refA], real);
    const bytes = readFileSync(real);
    const entries = await tarEntries(real);
    const engineError = Buffer.from('{"errorDetail":{"message":"open /var/lib/docker/x: no such file"},"error":"open /var/lib/docker/x: no such file"}\r\n');
    const cuts = [entries[2].entry.offset + 700, entries[3].entry.offset];

    // The same engine, but the archive stream is replaced: the engine's real bytes up
    // to a cut, then the JSON error it writes into the stream when it fails mid-way.
    for (const cut of [...cuts, -1]) {
      const failing = testEngine();
      const modem = failing.api.modem as unknown as { dial: (o: { path: string }, cb: (e: unknown, d: unknown) => void) => void };
      const dial = modem.dial.bind(modem);
      modem.dial = (o, cb) => {
        if (!o.path.startsWith('/images/get')) return dial(o, cb);
        if (cut < 0) return cb(Object.assign(new Error('(HTTP code 500) server error - export failed'), { statusCode: 500, json: { message: 'export failed' } }), null);
        cb(null, Readable.from([bytes.subarray(0, cut), engineError]));
      };
      const existing = join(dir, 'mid-existing.tar');
      writeFileSync(existing, 'older archive');
      await assert.rejects(saveImages(failing, [refA], existing), (err: unknown) => {
        assert.ok(err instanceof EngineError, String(err));
        assert.match(err.message, cut < 0 ? /export failed/ : /the engine stopped with an error: open \/var\/lib\/docker\/x: no such file\. Nothing was written\./);
        return true;
      });
      assert.equal(readFileSync(existing, 'utf8'), 'older archive');
      assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.mid-existing')), [], 'no temp file left');
    }
  });

  test('loading a file that is not an image archive sends nothing and changes nothing', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'just some notes\n'.repeat(100));
    const plainTar = join(dir, 'plain.tar');
    await docker(['save', '-o', join(dir, 'scratch.tar'), refA]);
    // A real tar, but of files, not images: take the first entry's bytes and end it.
    const first = (await tarEntries(join(dir, 'scratch.tar')))[0].entry;
    const whole = readFileSync(join(dir, 'scratch.tar'));
    writeFileSync(plainTar, Buffer.concat([whole.subarray(0, first.offset + 512 + Math.ceil(first.size / 512) * 512), Buffer.alloc(1024)]));
    writeFileSync(join(dir, 'empty.tar'), '');

    const listed = await imagesTouching(engine, ns, [idA, idB]);
    const before = engine.requestCount;
    await assert.rejects(loadImages(engine, text), (err: unknown) => err instanceof ArchiveError && err.message === `${text} is not an image archive: it is not a tar file (no valid tar header at byte 0 (checksum mismatch))`);
    await assert.rejects(loadImages(engine, plainTar), (err: unknown) => err instanceof ArchiveError && err.message === `${plainTar} is not an image archive: no manifest.json`);
    await assert.rejects(loadImages(engine, join(dir, 'empty.tar')), (err: unknown) => err instanceof ArchiveError && /is not an image archive: the file is empty/.test(err.message));
    await assert.rejects(loadImages(engine, join(dir, 'missing.tar')), (err: unknown) => err instanceof ArchiveError && /does not exist/.test(err.message));
    assert.equal(engine.requestCount, before, 'nothing was sent to the engine');
    assert.deepEqual(await imagesTouching(engine, ns, [idA, idB]), listed);
  });

  test('a corrupted archive (truncated, garbage over a header, garbage inside a layer) is refused and changes nothing', async () => {
    const refC = `${ns}/gamma:v1`;
    const idC = await buildUniqueImage(engine, refC, 300_000);
    const good = join(dir, 'gamma.tar');
    await saveImages(engine, [refC], good);
    await cleanup(engine, { images: [refC] });
    assert.equal(await imageIdOrUndefined(engine, idC), undefined);
    const bytes = readFileSync(good);
    const entries = await tarEntries(good, (n) => n === 'manifest.json');
    const manifest = JSON.parse(entries.find((e) => e.entry.name === 'manifest.json')!.content!.toString()) as Array<{ Layers: string[] }>;
    const ownLayer = entries.find((e) => e.entry.name === manifest[0].Layers.at(-1))!.entry;
    const later = entries.find((e) => e.entry.offset > ownLayer.offset)!.entry;

    const truncated = join(dir, 'truncated.tar');
    writeFileSync(truncated, bytes.subarray(0, ownLayer.offset + 512 + 1000));
    const headerHit = join(dir, 'header-hit.tar');
    const h = Buffer.from(bytes);
    randomFillSync(h, later.offset, 256);
    writeFileSync(headerHit, h);
    const layerHit = join(dir, 'layer-hit.tar');
    const l = Buffer.from(bytes);
    randomFillSync(l, ownLayer.offset + 512 + Math.floor(ownLayer.size / 2), 4096);
    writeFileSync(layerHit, l);

    const listed = await imagesTouching(engine, ns, [idC]);
    const before = engine.requestCount;
    await assert.rejects(loadImages(engine, truncated), (err: unknown) => err instanceof ArchiveError && /is a damaged archive: truncated: .*layer\.tar needs \d+ bytes/.test(err.message));
    await assert.rejects(loadImages(engine, headerHit), (err: unknown) => err instanceof ArchiveError && err.message.includes(`no valid tar header at byte ${later.offset}`));
    assert.equal(engine.requestCount, before, 'damage the headers show is caught before sending');

    // Damage inside a layer's content is invisible to a header check: the engine finds it by digest.
    await assert.rejects(loadImages(engine, layerHit), (err: unknown) => err instanceof EngineError && /the archive is damaged; the engine says: invalid diffID/.test(err.message) && /No image was loaded/.test(err.message));
    assert.deepEqual(await imagesTouching(engine, ns, [idC]), listed, 'the engine has no new image');
    assert.equal(await imageIdOrUndefined(engine, idC), undefined);

    const loaded = await loadImages(engine, good);
    assert.deepEqual(loaded.references, [refC], 'the intact archive still loads');
  });

  test('cancel during a load stops it: an AbortSignal aborted on the first progress', async () => {
    const path = join(dir, 'to-cancel.tar');
    await saveImages(engine, [refA], path);
    const abort = new AbortController();
    await assert.rejects(loadImages(engine, path, { signal: abort.signal, onProgress: () => abort.abort() }), (err: unknown) => err instanceof EngineError && err.kind === 'cancelled');
  });
});
