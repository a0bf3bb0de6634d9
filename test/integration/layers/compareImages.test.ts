import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readImageExport } from '../../../src/engine/layers/readImageExport';
import { readLayerFile } from '../../../src/engine/layers/readLayerFile';
import { compareImages, type DiffNode } from '../../../src/model/layers/compareImages';
import { imageFileSystem } from '../../../src/model/layers/imageFileSystem';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { buildKnownImage, buildSiblingImage } from './layersKit';

function rows(node: DiffNode, depth = 0, out: string[] = []): string[] {
  for (const c of node.children ?? []) {
    const pad = '  '.repeat(depth);
    out.push(c.folder && c.change !== 'changed' ? `${pad}${c.name}/ ${c.change ? `${c.change} ` : ''}${c.bytesA}→${c.bytesB}` : `${pad}${c.name} ${c.change} ${c.bytesA}→${c.bytesB}${c.reasons.length ? ` (${c.reasons.join('; ')})` : ''}`);
    if (c.folder) rows(c, depth + 1, out);
  }
  return out;
}

// Two images built here over the shared busybox base, with the same first layer of their own:
// what the engine's exports say they share, and how their filesystems differ, exactly.
describe('two images compared, read from the real engine', () => {
  const engine = testEngine();
  const name = uniqueName('stowage-compare');
  const tagA = `${name}/known:v1`;
  const tagB = `${name}/sibling:v1`;
  const ids: string[] = [];

  before(async () => {
    ids.push(await buildKnownImage(engine, tagA), await buildSiblingImage(engine, tagB));
  });
  after(() => cleanup(engine, { images: [tagA, tagB] }));

  test('they share every layer up to the first of their own, then part; the files differ as built', async () => {
    const [a, b] = await Promise.all(ids.map((id) => readImageExport(engine, id)));
    const side = (img: typeof a) => ({ root: imageFileSystem(img.layers.map((l) => l.index)), diffIds: img.layers.map((l) => l.diffId) });
    const c = compareImages(side(a), side(b));
    assert.equal(c.layers.shared, a.layers.length - 1);
    assert.deepEqual(c.layers.onlyA, [a.layers[a.layers.length - 1].diffId]);
    assert.deepEqual(c.layers.onlyB, [b.layers[b.layers.length - 1].diffId]);
    assert.deepEqual(rows(c.files), [
      'data/ 14→5242901',
      '  dir/ 3→13',
      '    a added 0→10',
      '    b added 0→3',
      '    c removed 3→0',
      '  big added 0→5242880',
      '  empty removed 0→0',
      '  extra added 0→5',
      '  small changed 11→3 (size 11 → 3)',
      'keep/ 6→6',
      '  orig changed 6→6 (mode 0644 → 0600)',
    ]);
    assert.deepEqual([c.added, c.removed, c.changed], [4, 2, 2]);

    // Both sides of a changed file, read from their own layers: what the diff editor shows.
    const small = c.files.children![0].children!.find((n) => n.name === 'small')!;
    assert.equal((await readLayerFile(engine, ids[0], a.layers[small.a!.layer].diffId, 'data/small')).toString(), 'HELLO-WORLD');
    assert.equal((await readLayerFile(engine, ids[1], b.layers[small.b!.layer].diffId, 'data/small')).toString(), 'BYE');
  });
});
