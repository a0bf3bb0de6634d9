import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildKnownImage, buildSiblingImage } from '../integration/layers/layersKit';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';

// An image's stacked filesystem under its tag, narrowed by the filter, and two images
// compared file by file: the known image of the layer tests and a sibling sharing its
// first layer, in a real VS Code against the real engine.
describe('image filesystem and image comparison in the Images view', { timeout: 10 * 60_000 }, () => {
  const run = Math.random().toString(36).slice(2, 7);
  // Named to sort before other sessions' images (benchmarks leave thousands of tags), so the rows are in view at once.
  const repoA = `stowage-a-e2e/fs-${run}`;
  const repoB = `stowage-a-e2e/fs-${run}-sibling`;
  const tagA = `${repoA}:v1`;
  const tagB = `${repoB}:v1`;
  const s = useE2eSession({
    prefix: 'imagefs',
    setup: async ({ engine, removeAtEnd }) => {
      removeAtEnd({ images: [tagA, tagB] });
      await buildKnownImage(engine, tagA);
      await buildSiblingImage(engine, tagB);
    },
  });

  let repoRow: TreeRow;
  const isTagA = (r: TreeRow) => r.label === 'v1' && r.level === repoRow.level + 1 && r.index === repoRow.index + 1;
  const isFs = (r: TreeRow) => r.label === 'Filesystem' && r.level === repoRow.level + 2;
  const isData = (r: TreeRow) => r.label === 'data' && r.level === repoRow.level + 3;
  const isDir = (r: TreeRow) => r.label === 'dir' && r.level === repoRow.level + 4;
  const pairs = (rows: TreeRow[]) => rows.map((r) => [r.label, r.description]);

  it("a tag's Filesystem shows what a container sees, each entry's layer; the filter narrows it to removed entries", () =>
    s.check('image-filesystem', async () => {
      const { wb } = s;
      await wb.focusSection('Images');
      repoRow = await wb.expandRow('Images', repoA);
      await wb.expandRow('Images', isTagA);
      await wb.scrollRowToTop('Images', isTagA);
      await wb.expandRow('Images', isFs);
      const top = await wb.childRows('Images', isFs, (c) => c.some((r) => r.label === 'data') && c.some((r) => r.label === 'keep'));
      assert.match(top[0].label, /^[\d,]+ visible entries, /);
      await wb.expandRow('Images', isData);
      const data = await wb.childRows('Images', isData, (c) => c.length >= 4);
      assert.deepEqual(pairs(data), [
        ['dir', '3 B'],
        ['empty', '0 B · layer 2'],
        ['small', 'modified · 11 B · layer 3'],
        ['sym', '→ small · layer 2'],
      ]);

      await wb.runCommand('Stowage: Filter Image Filesystem…');
      await wb.pickQuickItem('Show in the image filesystem', /^Removed/);
      await wb.childRows('Images', isFs, (c) => c.length > 0 && /removed entr/.test(c[0].label));
      const removed = await wb.childRows('Images', isData, (c) => c.some((r) => r.label === 'big'));
      assert.deepEqual(pairs(removed), [
        ['dir', '13 B'],
        ['big', 'removed · 5.24 MB · layer 2 · removed in layer 3'],
      ]);
      await wb.expandRow('Images', isDir);
      const dir = await wb.childRows('Images', isDir, (c) => c.length >= 2);
      assert.deepEqual(pairs(dir), [
        ['a', 'removed · 10 B · layer 2 · removed in layer 3'],
        ['b', 'removed · 3 B · layer 2 · removed in layer 3'],
      ]);
      // A removed file is still reachable: it opens as its layer stored it.
      await wb.openContextMenu('Images', (r) => r.label === 'a' && r.level === repoRow.level + 5);
      await wb.clickMenuItem('Open File from Layer');
      await wb.waitForActiveEditor('a');
      await wb.waitForEditorText(/^1234567890$/);
      await wb.moveMouseAway();
      await wb.screenshot(join(s.shots, 'image-filesystem.png'));

      await wb.runCommand('Stowage: Filter Image Filesystem…');
      await wb.pickQuickItem('Show in the image filesystem', /^All/);
      await wb.childRows('Images', isFs, (c) => c.length > 0 && /visible entr/.test(c[0].label));
    }));

  it('Compare with… lists the shared layers and the files that differ; a changed file opens in the diff editor', () =>
    s.check('image-compare', async () => {
      const { wb } = s;
      await wb.openContextMenu('Images', isTagA);
      await wb.clickMenuItem('Compare with…');
      await wb.pickQuickItem(/^Compare .* with…$/, new RegExp(`^${tagB.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      await wb.focusSection('Image Comparison');
      const isFiles = (r: TreeRow) => r.label === 'Files' && r.level === 1;
      const files = await wb.revealRow('Image Comparison', isFiles);
      assert.match(files.description, /^4 added, 2 removed, 2 changed · /);
      const layers = await wb.revealRow('Image Comparison', (r) => r.label === 'Layers' && r.level === 1);
      assert.match(layers.description, /^\d+ shared, then 1 in A, 1 in B$/);
      const isCmpData = (r: TreeRow) => r.label === 'data' && r.level === 2;
      await wb.expandRow('Image Comparison', isCmpData);
      const data = await wb.childRows('Image Comparison', isCmpData, (c) => c.length >= 5);
      assert.deepEqual(pairs(data), [
        ['dir', '3 B → 13 B'],
        ['big', 'added · 5.24 MB'],
        ['empty', 'removed · 0 B'],
        ['extra', 'added · 5 B'],
        ['small', 'changed · 11 B → 3 B · size 11 → 3'],
      ]);
      await wb.openContextMenu('Image Comparison', (r) => r.label === 'small' && r.level === 3);
      await wb.clickMenuItem('Compare the Two Versions');
      await wb.waitForActiveEditor(/^small \(.+ ↔ .+\)/);
      await wb.waitForEditorText(/HELLO-WORLD[\s\S]*BYE|BYE[\s\S]*HELLO-WORLD/);
      await wb.moveMouseAway();
      await wb.screenshot(join(s.shots, 'image-compare.png'));
    }));
});
