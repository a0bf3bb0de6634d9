import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildKnownImage } from '../integration/layers/layersKit';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';

// Expanding a layer in the Images view shows what it changes, read from the engine's
// image export: the known image of the layer integration tests, in a real VS Code.
describe('layer contents in the Images view', { timeout: 10 * 60_000 }, () => {
  const run = Math.random().toString(36).slice(2, 7);
  const repo = `stowage-e2e/layers-${run}`;
  const tag = `${repo}:v1`;
  const s = useE2eSession({
    prefix: 'layers',
    setup: async ({ engine, removeAtEnd }) => {
      removeAtEnd({ images: [tag] });
      await buildKnownImage(engine, tag);
    },
  });

  it("a layer expands into its file tree: added, modified and removed entries, folders with totals", () =>
    s.check('layer-contents', async () => {
      const { wb } = s;
      await wb.focusSection('Images');
      const repoRow = await wb.expandRow('Images', repo);
      const isTag = (r: TreeRow) => r.label === 'v1' && r.level === repoRow.level + 1 && r.index > repoRow.index;
      await wb.expandRow('Images', isTag);
      const layers = await wb.childRows('Images', isTag, (c) => c.some((r) => r.label.includes('rm /data/big')));
      const changing = layers.find((r) => r.label.includes('rm /data/big'))!;
      const isChanging = (r: TreeRow) => r.label === changing.label && r.level === changing.level;
      await wb.expandRow('Images', isChanging);
      const top = await wb.childRows('Images', isChanging, (c) => c.some((r) => r.label === 'data'));
      assert.deepEqual(top.map((r) => [r.label, r.description]), [['data', '14 B']]);

      const isData = (r: TreeRow) => r.label === 'data' && r.level === changing.level + 1;
      await wb.expandRow('Images', isData);
      const data = await wb.childRows('Images', isData, (c) => c.length >= 3);
      assert.deepEqual(data.map((r) => [r.label, r.description]), [
        ['dir', '3 B'],
        ['big', 'removed · 5.24 MB'],
        ['small', 'modified · 11 B'],
      ]);
      const isDir = (r: TreeRow) => r.label === 'dir' && r.level === changing.level + 2;
      await wb.expandRow('Images', isDir);
      const dir = await wb.childRows('Images', isDir, (c) => c.length >= 3);
      assert.deepEqual(dir.map((r) => [r.label, r.description]), [
        ['a', 'removed · 10 B'],
        ['b', 'removed · 3 B'],
        ['c', 'added · 3 B'],
      ]);
      await wb.moveMouseAway();
      await wb.screenshot(join(s.shots, 'layer-contents.png'));
    }));

  it('a file opens read-only with its bytes from the layer, and compares with the version below', () =>
    s.check('layer-open-compare', async () => {
      const { wb } = s;
      const isSmall = (r: TreeRow) => r.label === 'small' && r.description.startsWith('modified');
      await wb.openContextMenu('Images', isSmall);
      await wb.clickMenuItem('Open File from Layer');
      await wb.waitForActiveEditor('small');
      await wb.waitForEditorText(/^HELLO-WORLD$/);

      const items = await wb.openContextMenu('Images', isSmall);
      assert.ok(items.includes('Compare with the Version Below'), `menu: ${items.join(', ')}`);
      await wb.clickMenuItem('Compare with the Version Below');
      await wb.waitForActiveEditor(/small \(layer 2 ↔ layer 3\)/);
      const text = await wb.waitForEditorText(/hello[\s\S]*HELLO-WORLD|HELLO-WORLD[\s\S]*hello/);
      assert.match(text, /hello/);
      await wb.moveMouseAway();
      await wb.screenshot(join(s.shots, 'layer-compare.png'));
    }));
});
