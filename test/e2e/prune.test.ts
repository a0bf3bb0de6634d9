import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/Engine';
import { BASE_IMAGE, ensureBaseImage, TEST_LABEL, testEngine, uniqueName } from '../support/testEngine';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { failureReporter } from './support/failureReporter';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { removeLeftoversOfDeadRuns } from './support/removeLeftoversOfDeadRuns';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import { waitFor } from './support/waitFor';
import { Workbench } from './support/Workbench';

// Issue 11: Prune from the palette, in a real VS Code (code-server) in a real browser,
// with a dangling image and a stopped container of this test's own. The engine is shared
// with other sessions, so the editor's stowage.prune.labelFilter scopes the prune to this
// run's label (a product setting, as `--filter label=`): a dangling image with another
// label must survive. Also: Compose-labelled containers grouped under their project.

const OWNER_LABEL = 'stowage.e2e.owner';
const RUN_KEY = 'stowage.test.prune';
const SHOTS = 'media/screenshots';
const FAILURES = 'test-results/e2e';

describe('Prune and Compose grouping, in VS Code, through the UI', { timeout: 5 * 60_000 }, () => {
  const run = uniqueName('e2e-prune');
  const project = uniqueName('e2eproj');
  const stoppedName = `stowage-e2e-${uniqueName('prune-stopped')}`;
  const composeName = `${project}-web-1`;
  let engine: Engine | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let root = '';
  let shots = '';
  let dangling = '';
  let notMine = '';
  const made = { containers: [] as string[], images: [] as string[] };
  const check = failureReporter({ dir: () => join(root, FAILURES), prefix: 'prune', workbench: () => wb, server: () => server });
  let broken: string | undefined;

  async function commitDangling(labelValue: string, bytes: number): Promise<string> {
    const c = await engine!.api.createContainer({
      Image: BASE_IMAGE,
      Cmd: ['/bin/sh', '-c', `head -c ${bytes} /dev/urandom > /payload`],
      Labels: { [TEST_LABEL]: '1', [OWNER_LABEL]: String(process.pid), [RUN_KEY]: labelValue },
    });
    made.containers.push(c.id);
    await c.start();
    await c.wait();
    const { Id } = (await c.commit({})) as { Id: string };
    made.images.push(Id);
    // The committing container is not this test's stopped container: out of the prune's scope.
    await c.remove();
    return Id;
  }

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    shots = join(root, SHOTS);
    mkdirSync(shots, { recursive: true });
    const vsixBuilt = buildVsix(tools.root);
    vsixBuilt.catch(() => {});
    engine = testEngine();
    await removeLeftoversOfDeadRuns(engine, OWNER_LABEL);
    await ensureBaseImage(engine);
    dangling = await commitDangling(run, 200_000);
    notMine = await commitDangling(`${run}-other`, 1000);
    const stopped = await engine.api.createContainer({
      Image: BASE_IMAGE,
      name: stoppedName,
      Cmd: ['/bin/sh', '-c', 'head -c 50000 /dev/urandom > /written'],
      Labels: { [TEST_LABEL]: '1', [OWNER_LABEL]: String(process.pid), [RUN_KEY]: run },
    });
    made.containers.push(stopped.id);
    await stopped.start();
    await stopped.wait();
    const composed = await engine.api.createContainer({
      Image: BASE_IMAGE,
      name: composeName,
      Cmd: ['/bin/sleep', '3600'],
      Labels: { [TEST_LABEL]: '1', [OWNER_LABEL]: String(process.pid), 'com.docker.compose.project': project, 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' },
    });
    made.containers.push(composed.id);
    await composed.start();
    server = await startCodeServer(tools, { vsixes: [await vsixBuilt], settings: { 'stowage.prune.labelFilter': `${RUN_KEY}=${run}` } });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    const quietly = (work: () => unknown) => Promise.resolve().then(work).catch((err) => console.error(`cleanup: ${(err as Error).message}`));
    await quietly(() => browser?.close());
    await quietly(() => server?.stop());
    for (const c of made.containers) await quietly(() => engine!.api.getContainer(c).remove({ force: true }));
    for (const i of made.images) await quietly(() => engine!.api.getImage(i).remove({ force: true }));
  });

  function step(id: string, title: string, body: () => Promise<void>): void {
    it(title, async (t: TestContext) => {
      if (broken) return t.skip(`needs the step "${broken}", which failed`);
      try {
        await check(id, body);
      } catch (err) {
        broken = id;
        throw err;
      }
    });
  }

  step('compose', 'A container labelled as Compose labels it shows under its project\'s row', async () => {
    await wb.focusSection('Containers');
    const row = await wb.revealRow('Containers', project);
    assert.match(row.description, /^Compose · 1 of 1 running$/);
    const children = await wb.childRows('Containers', project, (c) => c.some((r) => r.label === composeName));
    const child = children.find((r) => r.label === composeName)!;
    assert.equal(child.level, row.level + 1);
    assert.match(child.description, /^web #1 · /);
  });

  step('confirm', 'Prune… lists the stopped container and the dangling image with their sizes before anything goes', async () => {
    await wb.runCommand('Stowage: Prune…');
    await wb.waitForQuickInput(/^Prune \(only label /);
    const items = await wb.quickPickItems();
    assert.ok(items.some((i) => /Stopped containers/.test(i)) && items.some((i) => /Dangling images/.test(i)), JSON.stringify(items));
    await wb.page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    const dialog = await wb.waitForDialog(/^Remove 1 stopped container and 1 dangling image with label /);
    assert.match(dialog.message, /, freeing \d+(\.\d+)? kB\?$/);
    assert.match(dialog.detail, new RegExp(`Stopped containers \\([^)]+\\): ${stoppedName} \\(exited, `));
    // Its own 200 kB, not the 2 MB busybox base it shares with every test image.
    assert.match(dialog.detail, new RegExp(`Dangling images: ${dangling.slice(7, 19)} \\(\\d+(\\.\\d+)? kB of its own, [^)]+ shared with other images\\)`));
    assert.ok(!dialog.detail.includes(notMine.slice(7, 19)), 'the other label\'s image is not listed');
    assert.deepEqual(await Promise.all([dangling, notMine].map(async (id) => !!(await engine!.api.getImage(id).inspect()))), [true, true], 'nothing removed before the answer');
    await wb.screenshot(join(shots, 'prune-confirm.png'));
    await wb.clickDialogButton('Remove');
  });

  step('removed', 'After Remove: a message with what went and the space reclaimed; only this run\'s objects are gone', async () => {
    const message = await wb.waitForNotification(/^Removed 1 container and 1 image: [\d.]+ kB reclaimed\.$/);
    assert.ok(message);
    const exists = (p: Promise<unknown>) => p.then(() => true, () => false);
    await waitFor('the image and container to be gone', async () => !(await exists(engine!.api.getImage(dangling).inspect())) && !(await exists(engine!.api.getContainer(stoppedName).inspect())));
    assert.equal(await exists(engine!.api.getImage(notMine).inspect()), true, 'a dangling image with another label stays');
    assert.equal(await exists(engine!.api.getContainer(composeName).inspect()), true);
  });
});
