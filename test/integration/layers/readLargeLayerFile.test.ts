import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readImageExport } from '../../../src/engine/layers/readImageExport';
import { MAX_LAYER_FILE_BYTES, readLayerFile } from '../../../src/engine/layers/readLayerFile';
import { BASE_IMAGE, buildBusyboxImage, cleanup, ensureBaseImage, testEngine, uniqueName } from '../../support/testEngine';

/** Past the 64 MiB a container's file may hold, within what a layer's may: issue 12 asks a 100 MB file of a lower layer to open. */
const LARGE = 70_000_000;

const engine = testEngine();
const tag = `${uniqueName('stowage-layers-large')}/large:v1`;
let id = '';
let diffIds: string[] = [];

before(async () => {
  await ensureBaseImage(engine);
  id = await buildBusyboxImage(engine, tag, {
    base: BASE_IMAGE,
    extra: [`RUN mkdir /data && head -c ${LARGE} /dev/zero | tr '\\0' 'x' > /data/large`, 'RUN printf above > /data/above'],
  });
  diffIds = (await engine.api.getImage(id).inspect()).RootFS.Layers!;
});
after(() => cleanup(engine, { images: [tag] }));

test('a 70 MB file of a lower layer opens whole, with and without the layer indexes known', async () => {
  assert.ok(LARGE > 64 * 1024 * 1024 && LARGE < MAX_LAYER_FILE_BYTES);
  const lower = diffIds[diffIds.length - 2];
  const known = await readImageExport(engine, id);
  for (const bytes of [await readLayerFile(engine, id, lower, 'data/large'), await readLayerFile(engine, id, lower, 'data/large', undefined, known)]) {
    assert.equal(bytes.length, LARGE);
    assert.equal(bytes.indexOf(0x00), -1);
    assert.equal(bytes[0], 0x78);
    assert.equal(bytes[LARGE - 1], 0x78);
  }
});
