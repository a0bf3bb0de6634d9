import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_IMAGE, runTestContainer, uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';
import { waitFor } from './support/waitFor';

// A container's files in the Containers view, in a real VS Code: the image's layers with
// the writable layer on top, a file opened read-only with no shell in the container, and
// Copy Out writing a file into the workspace.
describe('container files in the Containers view', { timeout: 10 * 60_000 }, () => {
  const name = `stowage-e2e-${uniqueName('cfiles')}`;
  const s = useE2eSession({
    prefix: 'cfiles',
    setup: async ({ engine, removeAtEnd }) => {
      removeAtEnd({ containers: [name] });
      await runTestContainer(engine, BASE_IMAGE, name);
      execFileSync('docker', ['exec', name, 'sh', '-c', 'mkdir -p /notes && echo "written in the container" > /notes/hello.txt']);
    },
  });

  it('Files shows the image layers with the writable layer on top; a file opens read-only', () =>
    s.check('container-files', async () => {
      const { wb } = s;
      await wb.focusSection('Containers');
      const row = await wb.expandRow('Containers', name);
      const isFiles = (r: TreeRow) => r.label === 'Files' && r.level === row.level + 1;
      await wb.expandRow('Containers', isFiles);
      const top = await wb.childRows('Containers', isFiles, (c) => c.some((r) => r.label === 'notes') && c.some((r) => r.label === 'bin'));
      assert.equal(top.find((r) => r.label === 'notes')!.description, 'writable layer');
      // busybox's image: layer 1 copies /bin/busybox, layer 2 installs its links into /bin, so the folder is last written there.
      assert.equal(top.find((r) => r.label === 'bin')!.description, 'layer 2');
      const isNotes = (r: TreeRow) => r.label === 'notes' && r.level === row.level + 2;
      await wb.expandRow('Containers', isNotes);
      const notes = await wb.childRows('Containers', isNotes);
      assert.deepEqual(notes.map((r) => [r.label, r.description]), [['hello.txt', 'writable layer · 25 B']]);
      const isHello = (r: TreeRow) => r.label === 'hello.txt';
      const items = await wb.openContextMenu('Containers', isHello);
      assert.ok(items.includes('Copy Out to Workspace'), `menu: ${items.join(', ')}`);
      assert.ok(items.includes('Open File from Container'), `menu: ${items.join(', ')}`);
      await wb.closeMenu();
      // A click opens it (the row's own command). Retried while the busy shared engine re-renders the tree under the pointer.
      await waitFor('hello.txt to open from a click on its row', async () => {
        if ((await wb.activeEditorTitle()) === 'hello.txt') return true;
        const row = await wb.revealRow('Containers', isHello);
        await wb.page.locator(`.monaco-list-row[data-index="${row.index}"]`).first().click({ timeout: 2_000 }).catch(() => {});
        return undefined;
      }, { timeoutMs: 60_000, intervalMs: 2_000 });
      await wb.waitForEditorText(/^written in the container\s*$/);
      await wb.moveMouseAway();
      await wb.screenshot(join(s.shots, 'container-files.png'));
    }));

  it('Copy Out to Workspace writes the file into the workspace folder', () =>
    s.check('container-copy-out', async () => {
      const { server, wb } = s;
      await wb.openContextMenu('Containers', (r: TreeRow) => r.label === 'hello.txt');
      await wb.clickMenuItem('Copy Out to Workspace');
      const copied = join(server.workspace, 'hello.txt');
      await waitFor('hello.txt in the workspace', async () => existsSync(copied), { timeoutMs: 30_000 });
      assert.equal(readFileSync(copied, 'utf8'), 'written in the container\n');
      await wb.waitForNotification(/Copied \/notes\/hello\.txt to .*hello\.txt: 1 file, 25 B/);
    }));
});
