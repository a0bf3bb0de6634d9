import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildUniqueImage } from '../integration/images/imagesKit';
import { uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';
import type { Workbench } from './support/Workbench';

// Defects 6 and 7 as a person meets them: Tag Image… with several names at once, one of
// which belongs to another image. Stowage must ask first, naming that image and saying it
// becomes <none>, then apply every name in one action with one message. Checked against the
// engine's state, not against what the UI says about itself.

describe('Tag Image… with several names, one taken from another image, in VS Code', { timeout: 10 * 60_000 }, () => {
  // Sorts before other runs' repositories (benchmarks may fill the view with thousands of
  // stowage-… names), so the row is near the top of the Images view without scrolling a churning list.
  const ns = `e2e-tag-several/${uniqueName('tag')}`;
  const target = `${ns}/app:1.0`;
  const taken = `${ns}/other:taken`;
  let targetId = '';
  let otherId = '';

  const s = useE2eSession({
    prefix: 'tag-several',
    setup: async ({ engine, removeAtEnd }) => {
      removeAtEnd({ images: [target, `${ns}/app:2.0`, `${ns}/app:latest`, taken] });
      targetId = await buildUniqueImage(engine, target, 30_000);
      otherId = await buildUniqueImage(engine, taken, 30_001);
      removeAtEnd({ images: [targetId, otherId] });
    },
  });

  it('asks before moving the taken name, naming the image that becomes <none>, then adds all three names with one message', async () => {
    await s.check('tag', async () => {
      const { engine, wb } = s;
      await wb.focusSection('Images');
      // Generous: on a shared machine the engine may hold thousands of other tags to list first.
      await wb.revealRow('Images', `${ns}/app`, 240_000);
      await wb.expandRow('Images', `${ns}/app`);
      const items = await wb.openContextMenu('Images', tagRow(target));
      assert.ok(items.includes('Tag Image…'), `the tag's menu: ${items.join(', ')}`);
      await wb.clickMenuItem('Tag Image…');
      // The extension host can be slow to answer on a shared machine: wait for the box itself longer.
      await wb.waitForQuickInput(`Add tags to ${target}`, 120_000);
      await wb.submitInput(`Add tags to ${target}`, `${ns}/app:2.0, ${taken} ${ns}/app`);

      const dialog = await wb.waitForDialog(new RegExp(`^${escapeRegExp(taken)} belongs to another image\\. Move it\\?$`));
      assert.match(dialog.detail, new RegExp(`${escapeRegExp(taken)} now names image ${shortId(otherId)}, which loses it and becomes <none>:<none> \\(it has no other name\\)\\.`));
      assert.ok(dialog.buttons.includes('Move the Name'), `buttons: ${dialog.buttons.join(', ')}`);
      // Nothing has moved while the question is open.
      assert.equal((await engine.api.getImage(taken).inspect()).Id, otherId);
      await wb.clickDialogButton('Move the Name');

      const message = await wb.waitForNotification(/^Tagged image /);
      assert.equal(
        message,
        `Tagged image ${shortId(targetId)} as ${ns}/app:2.0, ${ns}/app:latest, ${taken}. ${taken} moved from image ${shortId(otherId)}, now <none>:<none>.`,
      );
      const tags = (await engine.api.getImage(targetId).inspect()).RepoTags ?? [];
      assert.deepEqual([...tags].sort(), [target, `${ns}/app:2.0`, `${ns}/app:latest`, taken].sort());
      assert.deepEqual((await engine.api.getImage(otherId).inspect()).RepoTags ?? [], [], 'the other image lost its only name');
    });
  });

  it('a bad name in the list is pointed at in the input box, and nothing is tagged', async () => {
    await s.check('bad-name', async () => {
      const { engine, wb } = s;
      await wb.revealRow('Images', tagRow(target), 120_000);
      await wb.openContextMenu('Images', tagRow(target));
      await wb.clickMenuItem('Tag Image…');
      await wb.waitForQuickInput(`Add tags to ${target}`, 120_000);
      await wb.page.keyboard.press('Control+A');
      await wb.page.keyboard.type(`${ns}/app:3.0 ${ns}/App:4.0`);
      // The message quotes a long name shortened; it says which name, what and where.
      const shown = await waitForText(wb, 'name 2 (');
      assert.match(shown, /uppercase/);
      assert.match(shown, new RegExp(`at character ${`${ns}/app:3.0 ${ns}/`.length + 1}`));
      await wb.page.keyboard.press('Escape');
      assert.equal(((await engine.api.getImage(targetId).inspect()).RepoTags ?? []).includes(`${ns}/app:3.0`), false);
    });
  });
});

/** The validation message under the quick input, once it contains `text`. */
async function waitForText(wb: Workbench, text: string): Promise<string> {
  const { waitFor } = await import('./support/waitFor');
  return waitFor(`the input's message to say ${text}`, async () => {
    const shown = (await wb.page.locator('.quick-input-widget .quick-input-message').textContent().catch(() => '')) ?? '';
    return shown.includes(text) ? shown : undefined;
  }, { timeoutMs: 15_000 });
}

function tagRow(reference: string): (row: TreeRow) => boolean {
  return (row) => row.ariaLabel.startsWith(`${reference}, `);
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
