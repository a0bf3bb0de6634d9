import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_IMAGE, uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import { waitFor } from './support/waitFor';
import type { Workbench } from './support/Workbench';

// Issue 9, defects 11 and 12, as a person meets them in a real VS Code (code-server) in a
// real browser, against a real container that ignores SIGTERM: while Stop waits for it the
// row says "stopping…", Kill (the stop notification's link) ends it at once, the shell open
// in it ends calmly (no exit-code error), and the open inspect document follows: "Running"
// turns false, and once the container is removed the document says it is gone.

// Far longer than the test waits for the kill: if Kill did nothing, the container would
// still be running when every wait below has given up.
const STOP_TIMEOUT_S = 300;

describe('Stopping a container that ignores SIGTERM, in VS Code, through the UI', { timeout: 5 * 60_000 }, () => {
  const name = `stowage-e2e-${uniqueName('stop')}`;
  let firstHeader = '';

  const s = useE2eSession({
    prefix: 'stop',
    setup: async ({ engine, labels, removeAtEnd }) => {
      removeAtEnd({ containers: [name] });
      // sh as PID 1 with SIGTERM ignored: only SIGKILL ends it.
      const container = await engine.api.createContainer({
        Image: BASE_IMAGE,
        name,
        Cmd: ['/bin/sh', '-c', 'trap "" TERM; while :; do sleep 1; done'],
        StopTimeout: STOP_TIMEOUT_S,
        Labels: labels,
      });
      await container.start();
    },
    codeServer: {
      // The DOM renderer: the terminal's text is then in the page, for the test to read.
      settings: { 'terminal.integrated.gpuAcceleration': 'off' },
    },
  });

  /**
   * Runs the container row's menu item `item` until `done` holds. Other tests share the
   * engine, and its events refresh the tree: a refresh between the right-click and the
   * click can leave the command without its row, and it then asks which container (a
   * quick pick titled `pickTitle`), where the test picks this one, as a person would.
   */
  async function rowAction(item: string, pickTitle: string, done: () => Promise<boolean>): Promise<string[]> {
    const { wb } = s;
    const items = await wb.openContextMenu('Containers', name);
    assert.ok(items.includes(item), `the container's menu: ${items.join(', ')}`);
    await wb.clickMenuItem(item);
    await waitFor(`"${item}" on ${name} to take effect`, async () => {
      if (await done()) return true;
      if ((await wb.quickInputTitle()) === pickTitle) {
        // Typed and accepted with Enter: the list re-renders as the engine's events come in.
        const input = wb.page.locator('.quick-input-widget .quick-input-box input');
        await input.fill(name);
        await input.press('Enter');
      }
      return undefined;
    }, { timeoutMs: 30_000, lastSeen: () => wb.describeQuickInput() });
    return items;
  }

  s.step('shell', 'Open Shell from the container\'s menu gives a shell prompt in a terminal', async () => {
    const { wb } = s;
    await wb.focusSection('Containers');
    await rowAction('Open Shell', 'Open a shell in container', async () => /^\/ #$/m.test(await terminalText(wb)));
  });

  s.step('inspect', 'Inspect opens a document that says when the engine was asked, and "Running": true', async () => {
    const { wb } = s;
    await rowAction('Inspect', 'Inspect container', async () => (await wb.activeEditorTitle()) === `${name}.json`);
    const text = await wb.waitForEditorText(/"Running": true/);
    firstHeader = text.split('\n')[0];
    assert.match(firstHeader, new RegExp(`^// Container ${escapeRegExp(name)} \\([0-9a-f]{12}\\), as the engine described it at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.$`));
  });

  s.step('refresh', 'Refresh in the editor title reads the container again (the time in the first line moves on)', async () => {
    const { wb } = s;
    const button = wb.page.locator('.part.editor .editor-group-container.active .action-label[aria-label^="Refresh Inspect Document"]');
    await button.first().waitFor({ state: 'visible', timeout: 30_000 });
    await waitFor('the first line to name a later time', async () => {
      const first = (await wb.editorText()).split('\n')[0];
      if (first !== firstHeader) return first;
      await button.first().click();
      return undefined;
    }, { timeoutMs: 30_000, intervalMs: 500, lastSeen: async () => (await wb.editorText()).split('\n')[0] });
    assert.match(await wb.editorText(), /"Running": true/);
  });

  s.step('stopping', 'Stop: the row says "stopping…" while the engine still runs the container, and the notification offers Kill now', async () => {
    const { engine, wb } = s;
    await wb.clearNotifications();
    let row = await wb.revealRow('Containers', name);
    await rowAction('Stop', 'Stop container', async () => {
      row = await wb.revealRow('Containers', name);
      return /stopping…/.test(row.description);
    });
    assert.ok(!/running/.test(row.description), `the row no longer says running: ${row.description}`);
    // The engine's view at the same moment: the stop is under way, the container still runs.
    const state = (await engine.api.getContainer(name).inspect()).State;
    assert.equal(state.Running, true, 'the container ignores SIGTERM and is still running');
    const toast = await waitFor('the stop notification', async () => (await wb.notifications()).find((n) => n.message.startsWith(`Stopping ${name}`)));
    assert.match(toast.message, /Kill now/);
    // The row's menu offers Kill too.
    const items = await wb.openContextMenu('Containers', name);
    assert.ok(items.includes('Kill'), `the stopping container's menu: ${items.join(', ')}`);
    assert.ok(!items.includes('Stop'), `a stopping container is not offered Stop again: ${items.join(', ')}`);
    await wb.closeMenu();
    await wb.moveMouseAway();
    await wb.screenshot(join(s.shots, 'container-stopping.png'));
  });

  s.step('kill', 'Kill now (the notification\'s link) ends the container at once, and the row says exited', async () => {
    const { engine, wb } = s;
    const link = wb.page.locator('.notifications-toasts .notification-toast .notification-list-item-message a', { hasText: 'Kill now' });
    await link.first().click({ timeout: 10_000 });
    // Well inside the 300 s stop timeout: only the kill can have ended it.
    const state = await waitFor('the engine to report the container not running', async () => {
      const s = (await engine.api.getContainer(name).inspect()).State;
      return s.Running ? undefined : s;
    }, { timeoutMs: 30_000 });
    assert.equal(state.ExitCode, 137, 'ended by SIGKILL');
    await waitFor('the row to say exited', async () => /exited/.test((await wb.revealRow('Containers', name)).description), { timeoutMs: 20_000 });
    await waitFor('the stop notification to go', async () => !(await wb.notifications()).some((n) => n.message.startsWith(`Stopping ${name}`)), { timeoutMs: 20_000 });
  });

  s.step('shell-ended', 'The shell ends calmly: a line in the terminal says the container stopped, and no exit-code error shows', async () => {
    const { wb } = s;
    // The line wraps at the terminal's width: read it with the row breaks taken out.
    const text = await waitFor('the terminal to say the container stopped', async () => {
      const t = (await terminalText(wb)).replace(/\s+/g, '');
      return t.includes(`[${name}stopped;theshellendedwithit.`) ? t : undefined;
    }, { timeoutMs: 20_000, lastSeen: () => terminalText(wb) });
    assert.ok(text.includes('theshellendedwithit.Pressanykeytoclosethisterminal.]'), text);
    const messages = [...(await wb.notifications()).map((n) => n.message), ...(await wb.notificationCenterMessages())];
    assert.ok(!messages.some((m) => /exit code|137/.test(m)), `no exit-code message: ${JSON.stringify(messages)}`);
  });

  s.step('inspect-follows', 'The open inspect document follows the engine: "Running": false after the stop, and "no longer exists" after removal', async () => {
    const { engine, wb } = s;
    await waitFor('the inspect document to be the active editor', async () => {
      if ((await wb.activeEditorTitle()) === `${name}.json`) return true;
      await wb.page.locator('.part.editor .tab', { hasText: `${name}.json` }).first().click({ timeout: 2_000 }).catch(() => {});
      return undefined;
    }, { timeoutMs: 20_000 });
    await wb.waitForEditorText(/"Running": false/, 20_000);
    await engine.api.getContainer(name).remove({ force: true });
    const text = await wb.waitForEditorText(new RegExp(`^// Container ${escapeRegExp(name)} \\([0-9a-f]{12}\\) no longer exists: the engine had removed it by `), 20_000);
    assert.match(text.split('\n')[1], /^\/\/ What follows is how the engine described it at /);
    await wb.moveMouseAway();
    await wb.screenshot(join(s.shots, 'inspect-gone.png'));
  });
});

/** The terminal panel's text, row by row (the DOM renderer puts each row in the page). */
async function terminalText(wb: Workbench): Promise<string> {
  return wb.page.locator('.terminal-wrapper.active .xterm-rows > div, .xterm .xterm-rows > div').evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
