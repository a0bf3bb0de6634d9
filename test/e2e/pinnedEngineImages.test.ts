import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/Engine';
import { buildScratchImage, type SecondEngine } from '../support/secondEngine';
import { TEST_LABEL, followStream, uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import { pinEngines } from './support/pinEngines';
import type { TreeRow } from './support/TreeRow';

// Issue 13 with two engines pinned, both real dockerds of the test's own (the shared engine,
// the one Stowage uses, is pinned by neither): a tag dragged from one engine's rows onto the
// other engine's row is copied there (checked through that engine's API), and the images of
// the engine that is not the one in use are inspected, opened and compared on that engine.
// They exist there only, so reading them from the engine in use would fail.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** An image holding /hello.txt with `text`, on `base` (or from scratch): COPY only, no container, no network. */
async function buildTextImage(engine: Engine, tag: string, text: string, base?: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-text-image-'));
  try {
    writeFileSync(join(dir, 'hello.txt'), text);
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${base ?? 'scratch'}\nCOPY hello.txt /hello.txt\n`);
    const stream = await engine.api.buildImage({ context: dir, src: ['Dockerfile', 'hello.txt'] }, { t: tag, labels: { [TEST_LABEL]: '1' }, rm: true, forcerm: true, networkmode: 'none' });
    await followStream(engine.api, stream);
    return (await engine.api.getImage(tag).inspect()).Id;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("Pinned engines' images: drag and drop between engines, and a pinned engine's images read from it", { timeout: 12 * 60_000 }, () => {
  const ns = `e2e-dnd/${uniqueName('dnd')}`;
  const dragged = `${ns}/dragged:1.0`;
  const textV1 = `${ns}/text:v1`;
  const textV2 = `${ns}/text:v2`;
  const firstName = 'e2e-dnd-first';
  const secondName = 'e2e-dnd-second';
  let second: SecondEngine | undefined;
  let draggedId = '';
  let v2Id = '';
  const isGroup = (name: string) => (r: TreeRow) => r.level === 1 && r.label === name;

  /** The row `match` under the engine row `group` (revealed, so on screen). */
  const rowUnder = async (group: string, match: (r: TreeRow) => boolean) =>
    (await s.wb.childRows('Images', isGroup(group), (rows) => rows.some(match))).find(match)!;

  /** Drags the row `from` onto the row `to` of the Images view, as a person does with the mouse. */
  const drag = async (from: TreeRow, to: TreeRow) => {
    const { wb } = s;
    const pane = await wb.section('Images');
    const source = await wb.rowElement(pane, from).boundingBox();
    const target = await wb.rowElement(pane, to).boundingBox();
    assert.ok(source && target, `both rows on screen: ${from.label} → ${to.label}`);
    const page = s.browser.page;
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2 + 8, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
    await page.mouse.move(target.x + target.width / 2 + 4, target.y + target.height / 2, { steps: 2 });
    await page.mouse.up();
  };

  const s = useE2eSession({
    prefix: 'pinned-engine-images',
    setup: async ({ startEngine }) => {
      const first = await startEngine('e2ednda', { name: firstName, description: 'a dockerd of the test' });
      draggedId = await buildScratchImage(first.engine(), dragged);
      second = await startEngine('e2edndb', { name: secondName, description: 'another dockerd of the test' });
      await buildTextImage(second.engine(), textV1, 'hello');
      v2Id = await buildTextImage(second.engine(), textV2, 'HELLO-WORLD', textV1);
    },
  });

  it('pins the two engines', async () => {
    await s.check('pin', async () => {
      const { wb } = s;
      await pinEngines(wb, [firstName, secondName]);
      // Room for both engines' rows at once.
      await wb.setSectionExpanded('Engines', false);
      await wb.focusSection('Images');
      await rowUnder(firstName, (r) => r.label === `${ns}/dragged`);
      await rowUnder(secondName, (r) => r.label === `${ns}/text`);
    });
  });

  it("a tag dragged onto the other engine's row is copied there; onto its own engine's row, nothing is copied and it says so", async () => {
    await s.check('drag', async () => {
      const { wb } = s;
      await wb.expandRow('Images', (r) => r.level === 2 && r.label === `${ns}/dragged`);
      const tag = await wb.revealRow('Images', (r) => r.level === 3 && r.ariaLabel.startsWith(`${dragged}, `));
      const target = await wb.revealRow('Images', isGroup(secondName));
      await drag(tag, target);
      const message = await wb.waitForNotification(new RegExp(`^Copied ${escape(dragged)} to ${secondName}: `), 120_000);
      assert.match(message, /Image ID checked on both sides\.$/);
      assert.equal((await second!.engine().api.getImage(dragged).inspect()).Id, draggedId);
      // The target's own event stream lists it under its row.
      await rowUnder(secondName, (r) => r.label === `${ns}/dragged`);

      const again = await wb.revealRow('Images', (r) => r.ariaLabel.startsWith(`${dragged}, `) && r.level === 3);
      await drag(again, await wb.revealRow('Images', isGroup(firstName)));
      await wb.waitForNotification(new RegExp(`^${escape(dragged)} is already on ${firstName}: nothing copied\\.`), 30_000);
    });
  });

  it("the second engine's image is inspected, its layer and filesystem files opened, and compared, all on that engine", async () => {
    await s.check('pinned-reads', async () => {
      const { wb } = s;
      await wb.expandRow('Images', (r) => r.level === 2 && r.label === `${ns}/text`);
      const isV2 = (r: TreeRow) => r.level === 3 && r.ariaLabel.startsWith(`${textV2}, `);
      const items = await wb.openContextMenu('Images', isV2);
      assert.ok(items.includes('Inspect Image'), `the tag's menu: ${items.join(', ')}`);
      await wb.clickMenuItem('Inspect Image');
      await wb.waitForEditorText(new RegExp(escape(v2Id)), 60_000);

      // The layers under the tag: v2's own layer (the one that is not its base's top) modifies /hello.txt.
      await wb.expandRow('Images', isV2);
      await wb.scrollRowToTop('Images', isV2);
      const isOwnLayer = (r: TreeRow) => r.level === 4 && /^COPY file:/.test(r.label) && !/base:/.test(r.description);
      await wb.expandRow('Images', isOwnLayer);
      const isModified = (r: TreeRow) => r.level === 5 && r.label === 'hello.txt' && r.description.startsWith('modified');
      await wb.childRows('Images', isOwnLayer, (c) => c.some(isModified));
      await wb.openContextMenu('Images', isModified);
      await wb.clickMenuItem('Open File from Layer');
      await wb.waitForActiveEditor('hello.txt');
      await wb.waitForEditorText(/^HELLO-WORLD$/);
      await wb.openContextMenu('Images', isModified);
      await wb.clickMenuItem('Compare with the Version Below');
      await wb.waitForEditorText(/hello[\s\S]*HELLO-WORLD|HELLO-WORLD[\s\S]*hello/);

      // The image's filesystem node: the file a container sees.
      await wb.expandRow('Images', (r) => r.level === 4 && r.label === 'Filesystem');
      const isSeen = (r: TreeRow) => r.level === 5 && r.label === 'hello.txt' && /layer 1/.test(r.description);
      await wb.childRows('Images', (r) => r.level === 4 && r.label === 'Filesystem', (c) => c.some(isSeen));
      await wb.runCommand('View: Close All Editors');
      await wb.openContextMenu('Images', isSeen);
      await wb.clickMenuItem('Open File from Layer');
      await wb.waitForActiveEditor('hello.txt');
      await wb.waitForEditorText(/^HELLO-WORLD$/);

      // Compare with… offers the second engine's own images, and reads both there.
      await wb.openContextMenu('Images', isV2);
      await wb.clickMenuItem('Compare with…');
      await wb.pickQuickItem(/^Compare .* with…$/, new RegExp(`^${escape(textV1)}$`));
      await wb.focusSection('Image Comparison');
      const files = await wb.revealRow('Image Comparison', (r) => r.label === 'Files' && r.level === 1, 60_000);
      assert.match(files.description, /^0 added, 0 removed, 1 changed · /);
      const isChanged = (r: TreeRow) => r.label === 'hello.txt' && r.level === 2;
      await wb.openContextMenu('Image Comparison', isChanged);
      await wb.clickMenuItem('Compare the Two Versions');
      await wb.waitForActiveEditor(/^hello\.txt \(.+ ↔ .+\)/);
      await wb.waitForEditorText(/hello[\s\S]*HELLO-WORLD|HELLO-WORLD[\s\S]*hello/);

      // The Inspect document follows that engine's events: a new name given there shows in it.
      await wb.focusSection('Images');
      await wb.openContextMenu('Images', isV2);
      await wb.clickMenuItem('Inspect Image');
      await wb.waitForEditorText(new RegExp(escape(v2Id)), 60_000);
      await second!.engine().api.getImage(textV2).tag({ repo: `${ns}/text`, tag: 'v3' });
      await wb.waitForEditorText(new RegExp(escape(`${ns}/text:v3`)), 60_000);
    });
  });
});
