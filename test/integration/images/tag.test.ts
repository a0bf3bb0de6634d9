import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../../src/engine/EngineError';
import { InputError } from '../../../src/engine/images/InputError';
import { renameTag } from '../../../src/engine/images/renameTag';
import { tagImage } from '../../../src/engine/images/tagImage';
import { untagImage } from '../../../src/engine/images/untagImage';
import { cleanup, ensureBaseImage, testEngine, uniqueName } from '../../support/testEngine';
import { buildUniqueImage, imageIdOrUndefined } from './imagesKit';

describe('tag, untag and rename against a real engine', () => {
  const engine = testEngine();
  const ns = uniqueName('stowage-tag');
  const made = { images: [`${ns}/a:v1`, `${ns}/a:v2`, `${ns}/a:v3`, `${ns}/b:v1`, `${ns}/other:v1`, `${ns}/x:one`, `${ns}/x:two`, `${ns}/x:three`] };
  let imageA = '';
  let other = '';

  before(async () => {
    await ensureBaseImage(engine);
    imageA = await buildUniqueImage(engine, `${ns}/a:v1`);
    other = await buildUniqueImage(engine, `${ns}/other:v1`);
  });
  after(() => cleanup(engine, made));

  test('tagImage adds a name; tagging again is a no-op; a name of another image is not taken without replace', async () => {
    const r = await tagImage(engine, `${ns}/a:v1`, `${ns}/a:v2`);
    assert.deepEqual(r, { reference: `${ns}/a:v2`, imageId: imageA, changed: true });
    assert.equal(await imageIdOrUndefined(engine, `${ns}/a:v2`), imageA);
    assert.equal((await tagImage(engine, imageA, `${ns}/a:v2`)).changed, false, 'by ID, same name: nothing to do');

    await assert.rejects(tagImage(engine, `${ns}/a:v1`, `${ns}/other:v1`), (err: unknown) => err instanceof EngineError && err.kind === 'conflict' && /already names another image/.test(err.message));
    assert.equal(await imageIdOrUndefined(engine, `${ns}/other:v1`), other, 'the other image kept its name');
    await tagImage(engine, `${ns}/a:v1`, `${ns}/b`, {});
    assert.equal(await imageIdOrUndefined(engine, `${ns}/b:latest`), imageA, 'no tag means latest');
    made.images.push(`${ns}/b:latest`);
  });

  test('bad references are refused with the position, before any engine call', async () => {
    const before = engine.requestCount;
    await assert.rejects(tagImage(engine, `${ns}/a:v1`, `${ns}/Bad:v1`), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.field, 'new reference');
      assert.equal(err.start, ns.length + 1);
      assert.match(err.message, /uppercase/);
      return true;
    });
    await assert.rejects(tagImage(engine, `${ns}/a:v1`, `${ns}/a@sha256:${'0'.repeat(64)}`), (err: unknown) => err instanceof InputError && /digest names content/.test(err.message));
    await assert.rejects(tagImage(engine, `${ns}/a:v1`, `${ns}/a:v 1`), (err: unknown) => err instanceof InputError && err.start === ns.length + 4);
    await assert.rejects(untagImage(engine, ` ${ns}/a:v1`), (err: unknown) => err instanceof InputError && /leading whitespace/.test(err.message));
    await assert.rejects(renameTag(engine, `${ns}/a:v1`, `${ns}/a:v1`), (err: unknown) => err instanceof InputError && /same name/.test(err.message));
    assert.equal(engine.requestCount, before);
  });

  test('untag: a name of an image with other names only untags; the last name deletes the image', async () => {
    const x = await buildUniqueImage(engine, `${ns}/x:one`);
    await tagImage(engine, x, `${ns}/x:two`);
    const first = await untagImage(engine, `${ns}/x:one`);
    assert.equal(first.outcome, 'untagged');
    assert.deepEqual(first.untagged, [`${ns}/x:one`]);
    assert.deepEqual(first.deleted, []);
    assert.equal(await imageIdOrUndefined(engine, x), x, 'the image is still there');

    const last = await untagImage(engine, `${ns}/x:two`);
    assert.equal(last.outcome, 'deleted');
    assert.ok(last.deleted.includes(x), `deleted: ${last.deleted}`);
    assert.equal(await imageIdOrUndefined(engine, x), undefined, 'the image is gone');
  });

  test('renameTag moves the name: the new one names the image, the old one is gone', async () => {
    const r = await renameTag(engine, `${ns}/a:v2`, `${ns}/a:v3`);
    assert.equal(r.imageId, imageA);
    assert.equal(await imageIdOrUndefined(engine, `${ns}/a:v3`), imageA);
    assert.equal(await imageIdOrUndefined(engine, `${ns}/a:v2`), undefined);
    assert.equal(await imageIdOrUndefined(engine, `${ns}/a:v1`), imageA, 'other names untouched');
  });

  test('renameTag onto another image’s name is refused and changes nothing', async () => {
    await assert.rejects(renameTag(engine, `${ns}/a:v3`, `${ns}/other:v1`), (err: unknown) => err instanceof EngineError && err.kind === 'conflict');
    assert.equal(await imageIdOrUndefined(engine, `${ns}/a:v3`), imageA);
    assert.equal(await imageIdOrUndefined(engine, `${ns}/other:v1`), other);
  });

  test('when the untag half of a rename fails, both names stay and the error says so', async () => {
    // A second engine client whose DELETE requests fail at the transport: the tag half
    // reaches the real engine, the untag half cannot.
    const failing = testEngine();
    const modem = failing.api.modem as unknown as { dial: (o: { method: string }, cb: (e: unknown, d: unknown) => void) => void };
    const dial = modem.dial.bind(modem);
    modem.dial = (o, cb) => (o.method === 'DELETE' ? cb(Object.assign(new Error('(HTTP code 500) server error - disk on fire'), { statusCode: 500, json: { message: 'disk on fire' } }), null) : dial(o, cb));

    await assert.rejects(renameTag(failing, `${ns}/a:v3`, `${ns}/a:v2`), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, new RegExp(`^Renamed only halfway: ${ns}/a:v2 now names the image, but ${ns}/a:v3 could not be removed \\(disk on fire\\)\\. The image has both names; nothing was lost\\.$`));
      return true;
    });
    assert.equal(await imageIdOrUndefined(engine, `${ns}/a:v2`), imageA);
    assert.equal(await imageIdOrUndefined(engine, `${ns}/a:v3`), imageA);
  });
});
