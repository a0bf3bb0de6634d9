import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Engine } from '../../src/engine/Engine';
import { buildUniqueImage } from '../integration/images/imagesKit';
import { cleanup, ensureBaseImage, testEngine, uniqueName } from '../support/testEngine';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { failureReporter } from './support/failureReporter';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { readTar } from './support/readTar';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import type { TreeRow } from './support/TreeRow';
import { Workbench } from './support/Workbench';

// Issue 9, defect 1: in code-server's save dialog, typing `two-images.tar.gz` for two
// images wrote `two-images.tar.gz.tar`, a plain tar (the dialog checked the last
// extension against the filter `tar`, `tar.gz`, `tgz` and appended `.tar`). A person
// right-clicks a repository of two images, Save to Tar…, types a .tar.gz name.

describe('Save to a .tar.gz in code-server writes exactly that file, gzip-compressed', { timeout: 5 * 60_000 }, () => {
  const repo = `stowage-e2e-gz/${uniqueName('gz')}`;
  const refs = [`${repo}:a`, `${repo}:b`];
  let engine: Engine | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let root = '';
  const check = failureReporter({ dir: () => join(root, 'test-results/e2e'), prefix: 'save-gz', workbench: () => wb, server: () => server });

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    const vsix = buildVsix(tools.root);
    vsix.catch(() => {});
    engine = testEngine();
    await ensureBaseImage(engine);
    for (const ref of refs) await buildUniqueImage(engine, ref, 50_000);
    server = await startCodeServer(tools, { vsixes: [await vsix] });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (engine) await cleanup(engine, { images: refs });
  });

  it('types /…/two-images.tar.gz in the save dialog; that file appears, gzip, holding both images', async () => {
    await check('save-gz', async () => {
      await wb.focusSection('Images');
      await wb.openContextMenu('Images', (row: TreeRow) => row.label === repo || row.ariaLabel.startsWith(`${repo},`) || row.ariaLabel === repo);
      await wb.clickMenuItem('Save to Tar…');
      const path = join(server!.workspace, 'two-images.tar.gz');
      await wb.submitInput('Save 2 images', path);
      await wb.waitForNotification(new RegExp(`^Saved (${refs.map(escapeRegExp).join(', ')}|${[...refs].reverse().map(escapeRegExp).join(', ')}) to ${escapeRegExp(path)}\\.`), 60_000);

      assert.deepEqual(readdirSync(server!.workspace), ['two-images.tar.gz'], 'exactly the file typed, nothing appended, no temporary file');
      assert.ok(existsSync(path));
      const bytes = readFileSync(path);
      assert.deepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b], 'gzip magic bytes');
      const manifest = JSON.parse(readTar(gunzipSync(bytes)).get('manifest.json')!.toString('utf8')) as Array<{ RepoTags: string[] }>;
      assert.deepEqual(manifest.flatMap((m) => m.RepoTags).sort(), [...refs].sort());
    });
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
