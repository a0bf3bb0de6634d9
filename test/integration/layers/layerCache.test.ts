import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayerIndexCache } from '../../../src/engine/layers/LayerIndexCache';
import { readImageLayersCached } from '../../../src/engine/layers/readImageLayersCached';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { buildKnownImage } from './layersKit';

describe('layer indexes cached on disk by diff ID', () => {
  const lines: string[] = [];
  const engine = testEngine((l) => lines.push(l));
  const tag = `${uniqueName('stowage-layers-cache')}/known:v1`;
  const dir = mkdtempSync(join(tmpdir(), 'stowage-layer-cache-'));
  let id = '';

  before(async () => {
    id = await buildKnownImage(engine, tag);
  });
  after(async () => {
    await cleanup(engine, { images: [tag] });
    rmSync(dir, { recursive: true, force: true });
  });

  const exports = () => lines.filter((l) => l.includes('/get')).length;

  test('the second read of an image asks the engine for no export, and gives the same layers', async () => {
    const cache = new LayerIndexCache(dir);
    const first = await readImageLayersCached(engine, id, cache);
    assert.equal(exports(), 1);
    assert.equal(readdirSync(dir).filter((n) => n.endsWith('.jsonl')).length, first.layers.length);
    const second = await readImageLayersCached(engine, id, cache);
    assert.equal(exports(), 1, lines.join('\n'));
    assert.deepEqual(second.layers.map((l) => [l.diffId, l.index.entries]), first.layers.map((l) => [l.diffId, l.index.entries]));
  });

  test('a damaged cache file counts as absent: the export is read again and the file rewritten', async () => {
    const cache = new LayerIndexCache(dir);
    const victim = readdirSync(dir).find((n) => n.endsWith('.jsonl'))!;
    writeFileSync(join(dir, victim), '{"diffId": "sha256:');
    const before = exports();
    await readImageLayersCached(engine, id, cache);
    assert.equal(exports(), before + 1);
    await readImageLayersCached(engine, id, cache);
    assert.equal(exports(), before + 1);
  });

  test('the folder stays within its bound, the least recently used going first', async () => {
    const small = mkdtempSync(join(tmpdir(), 'stowage-layer-cache-small-'));
    try {
      const cache = new LayerIndexCache(small, 2_500);
      const image = await readImageLayersCached(engine, id, cache);
      const kept = readdirSync(small).filter((n) => n.endsWith('.jsonl'));
      const name = (i: number) => `v2-${image.layers[i].diffId.slice(7)}.jsonl`;
      // Written bottom-up: the two oldest (busybox, and its 268 symlinks, some 30 kB) go; the top one stays.
      assert.ok(!kept.includes(name(0)) && !kept.includes(name(1)), `kept ${kept.join(', ')}`);
      assert.ok(kept.includes(name(3)), `kept ${kept.join(', ')}`);
      const total = kept.reduce((sum, n) => sum + readFileSync(join(small, n)).length, 0);
      assert.ok(total <= 2_500, `${total} bytes kept`);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  });
});
