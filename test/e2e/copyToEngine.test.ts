import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildUniqueImage } from '../integration/images/imagesKit';
import type { SecondEngine } from '../support/secondEngine';
import { uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';

// Issue 13 as a person meets it: the Engines view lists the docker CLI's contexts (one of
// them a second real dockerd) with what each engine is, and Copy to Engine… on a tag sends
// the image there; checked against the second engine itself.

describe('Engines view and Copy to Engine… in VS Code', { timeout: 10 * 60_000 }, () => {
  const ns = `e2e-copy/${uniqueName('copy')}`;
  const tag = `${ns}/app:1.0`;
  let second: SecondEngine | undefined;
  let imageId = '';

  const s = useE2eSession({
    prefix: 'copy-to-engine',
    setup: async ({ engine, removeAtEnd, startEngine }) => {
      removeAtEnd({ images: [tag] });
      imageId = await buildUniqueImage(engine, tag, 40_000);
      second = await startEngine('e2ecopy', { name: 'e2e-second', description: 'a second dockerd' });
    },
  });

  it('lists both engines with version, OS and driver, copies a tag by the menu, and the image arrives with its ID', async () => {
    await s.check('copy', async () => {
      const { wb } = s;
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
