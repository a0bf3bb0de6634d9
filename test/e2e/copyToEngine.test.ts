import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../src/engine/contexts/createContext';
import type { Engine } from '../../src/engine/Engine';
import { buildUniqueImage } from '../integration/images/imagesKit';
import { startSecondEngine, type SecondEngine } from '../support/secondEngine';
import { cleanup, ensureBaseImage, testEngine, uniqueName } from '../support/testEngine';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { failureReporter } from './support/failureReporter';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import type { TreeRow } from './support/TreeRow';
import { Workbench } from './support/Workbench';

// Issue 13 as a person meets it: the Engines view lists the docker CLI's contexts (one of
// them a second real dockerd) with what each engine is, and Copy to Engine… on a tag sends
// the image there; checked against the second engine itself.

describe('Engines view and Copy to Engine… in VS Code', { timeout: 10 * 60_000 }, () => {
  const ns = `e2e-copy/${uniqueName('copy')}`;
  const tag = `${ns}/app:1.0`;
  let engine: Engine;
  let second: SecondEngine | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let imageId = '';
  let root = '';
  let dockerConfig = '';
  const check = failureReporter({ dir: () => join(root, 'test-results/e2e'), prefix: 'copy-to-engine', workbench: () => wb, server: () => server });

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    mkdirSync(join(root, 'test-results/e2e'), { recursive: true });
    const vsix = buildVsix(tools.root);
    vsix.catch(() => {});
    engine = testEngine();
    await ensureBaseImage(engine);
    imageId = await buildUniqueImage(engine, tag, 40_000);
    second = await startSecondEngine('e2ecopy');
    dockerConfig = mkdtempSync(join(tmpdir(), 'stowage-e2e-docker-config-'));
    await createContext({ name: 'e2e-second', description: 'a second dockerd', host: `unix://${second.socketPath}` }, { configDir: dockerConfig });
    server = await startCodeServer(tools, { vsixes: [await vsix], env: { DOCKER_CONFIG: dockerConfig, DOCKER_HOST: '', DOCKER_CONTEXT: '' } });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    const quietly = (work: () => unknown) => Promise.resolve().then(work).catch((err) => console.error(`cleanup: ${(err as Error).message}`));
    await quietly(() => browser?.close());
    await quietly(() => server?.stop());
    await quietly(() => cleanup(engine, { images: [tag] }));
    await quietly(() => second?.remove());
    rmSync(dockerConfig, { recursive: true, force: true });
  });

  it('lists both engines with version, OS and driver, copies a tag by the menu, and the image arrives with its ID', async () => {
    await check('copy', async () => {
      await wb.setSectionExpanded('Engines', true);
      const secondRow = await wb.revealRow('Engines', (r: TreeRow) => r.label === 'e2e-second' && /20\.10/.test(r.description), 120_000);
      assert.match(secondRow.description, /overlay2|vfs/);
      const mainRow = await wb.revealRow('Engines', (r: TreeRow) => r.label === 'default', 60_000);
      assert.match(mainRow.description, /^in Stowage · docker CLI current · 20\.10/);

      await wb.focusSection('Images');
      await wb.revealRow('Images', `${ns}/app`, 240_000);
      await wb.expandRow('Images', `${ns}/app`);
      const items = await wb.openContextMenu('Images', (r: TreeRow) => r.ariaLabel.startsWith(`${tag}, `));
      assert.ok(items.includes('Copy to Engine…'), `the tag's menu: ${items.join(', ')}`);
      await wb.clickMenuItem('Copy to Engine…');
      await wb.pickQuickItem(`Copy ${tag} to`, 'e2e-second');
      const message = await wb.waitForNotification(new RegExp(`^Copied ${tag.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} to e2e-second: `), 120_000);
      assert.match(message, /Image ID checked on both sides\.$/);
      assert.equal((await second!.engine().api.getImage(tag).inspect()).Id, imageId);
    });
  });
});
