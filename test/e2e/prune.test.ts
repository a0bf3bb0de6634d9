import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_IMAGE, uniqueName } from '../support/testEngine';
import { useE2eSession, type E2eSetup } from './support/e2eSession';
import { waitFor } from './support/waitFor';

// Issue 11: Prune from the palette, in a real VS Code (code-server) in a real browser,
// with a dangling image and a stopped container of this test's own. The engine is shared
// with other sessions, so the editor's stowage.prune.labelFilter scopes the prune to this
// run's label (a product setting, as `--filter label=`): a dangling image with another
// label must survive. Also: Compose-labelled containers grouped under their project.

const RUN_KEY = 'stowage.test.prune';

describe('Prune and Compose grouping, in VS Code, through the UI', { timeout: 5 * 60_000 }, () => {
  const run = uniqueName('e2e-prune');
  const project = uniqueName('e2eproj');
  const stoppedName = `stowage-e2e-${uniqueName('prune-stopped')}`;
  const composeName = `${project}-web-1`;
  let dangling = '';
  let notMine = '';

  async function commitDangling({ engine, labels, removeAtEnd }: E2eSetup, labelValue: string, bytes: number): Promise<string> {
    const c = await engine.api.createContainer({
      Image: BASE_IMAGE,
      Cmd: ['/bin/sh', '-c', `head -c ${bytes} /dev/urandom > /payload`],
      Labels: { ...labels, [RUN_KEY]: labelValue },
    });
    removeAtEnd({ containers: [c.id] });
    await c.start();
    await c.wait();
    const { Id } = (await c.commit({})) as { Id: string };
    removeAtEnd({ images: [Id] });
    // The committing container is not this test's stopped container: out of the prune's scope.
    await c.remove();
    return Id;
  }

  const s = useE2eSession({
    prefix: 'prune',
    setup: async (setup) => {
      const { engine, labels, removeAtEnd } = setup;
      dangling = await commitDangling(setup, run, 200_000);
      notMine = await commitDangling(setup, `${run}-other`, 1000);
      const stopped = await engine.api.createContainer({
        Image: BASE_IMAGE,
        name: stoppedName,
        Cmd: ['/bin/sh', '-c', 'head -c 50000 /dev/urandom > /written'],
        Labels: { ...labels, [RUN_KEY]: run },
      });
      removeAtEnd({ containers: [stopped.id] });
      await stopped.start();
      await stopped.wait();
      const composed = await engine.api.createContainer({
        Image: BASE_IMAGE,
        name: composeName,
        Cmd: ['/bin/sleep', '3600'],
        Labels: { ...labels, 'com.docker.compose.project': project, 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' },
      });
      removeAtEnd({ containers: [composed.id] });
      await composed.start();
    },
    codeServer: { settings: { 'stowage.prune.labelFilter': `${RUN_KEY}=${run}` } },
  });

  s.step('compose', 'A container labelled as Compose labels it shows under its project\'s row', async () => {
    const { wb } = s;
    await wb.focusSection('Containers');
    const row = await wb.revealRow('Containers', project);
    assert.match(row.description, /^Compose · 1 of 1 running$/);
    const children = await wb.childRows('Containers', project, (c) => c.some((r) => r.label === composeName));
    const child = children.find((r) => r.label === composeName)!;
    assert.equal(child.level, row.level + 1);
    assert.match(child.description, /^web #1 · /);
  });

  s.step('confirm', 'Prune… lists the stopped container and the dangling image with their sizes before anything goes', async () => {
    const { wb } = s;
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
    assert.deepEqual(await Promise.all([dangling, notMine].map(async (id) => !!(await s.engine.api.getImage(id).inspect()))), [true, true], 'nothing removed before the answer');
    await wb.screenshot(join(s.shots, 'prune-confirm.png'));
    await wb.clickDialogButton('Remove');
  });

  s.step('removed', 'After Remove: a message with what went and the space reclaimed; only this run\'s objects are gone', async () => {
    const { wb } = s;
    const message = await wb.waitForNotification(/^Removed 1 container and 1 image: [\d.]+ kB reclaimed\.$/);
    assert.ok(message);
    const exists = (p: Promise<unknown>) => p.then(() => true, () => false);
    await waitFor('the image and container to be gone', async () => !(await exists(s.engine.api.getImage(dangling).inspect())) && !(await exists(s.engine.api.getContainer(stoppedName).inspect())));
    assert.equal(await exists(s.engine.api.getImage(notMine).inspect()), true, 'a dangling image with another label stays');
    assert.equal(await exists(s.engine.api.getContainer(composeName).inspect()), true);
  });
});
