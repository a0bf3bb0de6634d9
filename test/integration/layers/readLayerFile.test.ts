import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readImageExport } from '../../../src/engine/layers/readImageExport';
import { readLayerFile } from '../../../src/engine/layers/readLayerFile';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { BIG, buildKnownImage } from './layersKit';

describe('one file read out of a layer of the export', () => {
  const engine = testEngine();
  const tag = `${uniqueName('stowage-layers-file')}/known:v1`;
  let id = '';
  let diffIds: string[] = [];

  before(async () => {
    id = await buildKnownImage(engine, tag);
    diffIds = (await engine.api.getImage(id).inspect()).RootFS.Layers!;
  });
  after(() => cleanup(engine, { images: [tag] }));

  test('each layer gives its own version of a file; a large and an empty file whole', async () => {
    assert.equal((await readLayerFile(engine, id, diffIds[3], 'data/small')).toString(), 'HELLO-WORLD');
    assert.equal((await readLayerFile(engine, id, diffIds[2], 'data/small')).toString(), 'hello');
    const big = await readLayerFile(engine, id, diffIds[2], 'data/big');
    assert.equal(big.length, BIG);
    assert.ok(big.every((b) => b === 0));
    assert.equal((await readLayerFile(engine, id, diffIds[2], 'data/empty')).length, 0);
  });

  test('what is not a file of that layer says so', async () => {
    await assert.rejects(readLayerFile(engine, id, diffIds[3], 'data/big'), /this layer removes it; it is stored in a layer below/);
    await assert.rejects(readLayerFile(engine, id, diffIds[3], 'data/nope'), /the layer holds no such file/);
    await assert.rejects(readLayerFile(engine, id, diffIds[2], 'keep/orig'), /it is a hard link to \/keep\/hard; open that file/);
    await assert.rejects(readLayerFile(engine, id, diffIds[2], 'data/sym'), /it is a symlink, not a file/);
  });

  test('with the layer indexes known (the cache), each layer still gives its own version, and a twin-free layer is found without the manifest', async () => {
    const known = await readImageExport(engine, id);
    assert.equal((await readLayerFile(engine, id, diffIds[3], 'data/small', undefined, known)).toString(), 'HELLO-WORLD');
    assert.equal((await readLayerFile(engine, id, diffIds[2], 'data/small', undefined, known)).toString(), 'hello');
    assert.equal((await readLayerFile(engine, id, diffIds[2], 'data/big', undefined, known)).length, BIG);
    await assert.rejects(readLayerFile(engine, id, diffIds[3], 'data/big', undefined, known), /this layer removes it; it is stored in a layer below/);
  });
});
