import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/Engine';
import { cleanup, testEngine } from '../support/testEngine';
import { buildKnownImage } from '../integration/layers/layersKit';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import type { TreeRow } from './support/TreeRow';
import { Workbench } from './support/Workbench';

const SHOTS = 'media/screenshots';
const FAILURES = 'test-results/e2e';

// Expanding a layer in the Images view shows what it changes, read from the engine's
// image export: the known image of the layer integration tests, in a real VS Code.
describe('layer contents in the Images view', { timeout: 10 * 60_000 }, () => {
  const run = Math.random().toString(36).slice(2, 7);
  const repo = `stowage-e2e/layers-${run}`;
  const tag = `${repo}:v1`;
  let engine: Engine;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let shots = '';
  let failures = '';

  before(async () => {
    const tools = e2eTools();
    shots = join(tools.root, SHOTS);
    failures = join(tools.root, FAILURES);
    mkdirSync(shots, { recursive: true });
    const vsix = buildVsix(tools.root);
    vsix.catch(() => {});
    engine = testEngine();
    await buildKnownImage(engine, tag);
    server = await startCodeServer(tools, { vsixes: [await vsix] });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (engine) await cleanup(engine, { images: [tag] });
  });

  async function check(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      const shot = join(failures, `${name}.png`);
      mkdirSync(failures, { recursive: true });
      await wb?.screenshot(shot).catch(() => {});
      (err as Error).message += `\n(screenshot: ${shot})\n${server?.diagnostics() ?? ''}`;
      throw err;
    }
  }

  it("a layer expands into its file tree: added, modified and removed entries, folders with totals", () =>
    check('layer-contents', async () => {
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
      await wb.screenshot(join(shots, 'layer-contents.png'));
    }));

  it('a file opens read-only with its bytes from the layer, and compares with the version below', () =>
    check('layer-open-compare', async () => {
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
      await wb.screenshot(join(shots, 'layer-compare.png'));
    }));
});
