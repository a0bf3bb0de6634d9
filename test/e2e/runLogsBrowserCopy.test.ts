import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BASE_IMAGE, uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import { waitFor } from './support/waitFor';
import type { Workbench } from './support/Workbench';

// Issue 11's end-to-end checks of what was added for running containers, in a real VS
// Code (code-server) in a real Chromium: Run from the palette, detached and with an
// interactive terminal (a command typed there answers), Show Logs following a container
// that keeps printing, Open in Browser (the page the browser opens, and what it shows), and
// the Copy commands (read back from the browser's clipboard). Checked against the engine.

describe('Run, Logs, Open in Browser and Copy, through the UI', { timeout: 6 * 60_000 }, () => {
  const unique = uniqueName('rlc');
  const web = `stowage-e2e-${unique}-web`;
  const talker = `stowage-e2e-${unique}-talker`;
  const detached = `stowage-e2e-${unique}-detached`;
  const interactive = `stowage-e2e-${unique}-it`;
  const published = `stowage-e2e-${unique}-published`;
  const webPage = `<p>served to the browser for ${unique}</p>\n`;
  let baseImageId = '';

  const s = useE2eSession({
    prefix: 'rlc',
    setup: async ({ engine, labels, removeAtEnd }) => {
      removeAtEnd({ containers: [web, talker, detached, interactive, published] });
      baseImageId = (await engine.api.getImage(BASE_IMAGE).inspect()).Id;
      // A web server on an exposed port that nothing publishes: Open in Browser goes to the container's IP.
      const server = await engine.api.createContainer({
        Image: BASE_IMAGE,
        name: web,
        Cmd: ['/bin/sh', '-c', `mkdir -p /www && printf '%s' '${webPage}' > /www/index.html && exec /bin/httpd -f -h /www`],
        ExposedPorts: { '80/tcp': {} },
        Labels: labels,
      });
      await server.start();
      // A container that prints a numbered line about every 0.3 s for as long as it runs.
      const printer = await engine.api.createContainer({
        Image: BASE_IMAGE,
        name: talker,
        Cmd: ['/bin/sh', '-c', 'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.3; done'],
        Labels: labels,
      });
      await printer.start();
    },
    // The DOM renderer: the terminal's text is then in the page, for the test to read.
    codeServer: { settings: { 'terminal.integrated.gpuAcceleration': 'off' } },
  });

  s.step('run-detached', 'Run… from the palette, detached, with a command and an environment variable: the engine runs it so, and the view shows it', async () => {
    const { wb } = s;
    await runFromPalette(wb, detached, '/bin/sh -c "echo started; exec sleep 3600"', `GREETING="hello ${unique}"`, ['Detached']);
    const info = await waitFor(`the engine to run ${detached}`, async () => {
      const i = await s.engine.api.getContainer(detached).inspect().catch(() => undefined);
      return i?.State.Running ? i : undefined;
    }, { timeoutMs: 60_000, lastSeen: () => wb.describeQuickInput() });
    assert.equal(info.Image, baseImageId);
    assert.deepEqual(info.Config.Cmd, ['/bin/sh', '-c', 'echo started; exec sleep 3600']);
    assert.ok(info.Config.Env.includes(`GREETING=hello ${unique}`), `the environment: ${JSON.stringify(info.Config.Env)}`);
    assert.equal(info.Config.Tty, false);
    // Revealed in the Containers view, running.
    await wb.focusSection('Containers');
    await waitFor(`${detached}'s row to say running`, async () => /running/.test((await wb.revealRow('Containers', detached)).description), { timeoutMs: 30_000 });
  });

  s.step('run-interactive', 'Run… with an interactive terminal (-it): a command typed in the terminal runs in the container and its output shows', async () => {
    const { wb } = s;
    await runFromPalette(wb, interactive, '/bin/sh', '', ['Interactive terminal (-it)']);
    await wb.waitForActiveTerminal(`${interactive} (-it)`);
    // busybox sh on a TTY prints its prompt; the TTY was attached before the start, so it is not lost.
    await waitFor('the shell prompt', async () => /\/ #/.test(await wb.terminalText()), { timeoutMs: 30_000, lastSeen: () => wb.terminalText() });
    await wb.typeInTerminal('echo "$((6*7))-$HOSTNAME"');
    const hostname = (await s.engine.api.getContainer(interactive).inspect()).Config.Hostname;
    // The answer is computed in the container: 42 and its hostname, which the typed line does not hold.
    await waitFor('the command\'s output in the terminal', async () => (await wb.terminalText()).includes(`42-${hostname}`), { timeoutMs: 30_000, lastSeen: () => wb.terminalText() });
    const info = await s.engine.api.getContainer(interactive).inspect();
    assert.equal(info.Config.Tty, true);
    assert.equal(info.Config.OpenStdin, true);
    assert.equal(info.State.Running, true);
    await wb.moveMouseAway();
    await wb.screenshot(join(s.shots, 'run-interactive.png'));
  });

  s.step('logs', "Show Logs from the container's right-click follows it: lines it prints after the log opened appear", async () => {
    const { wb } = s;
    await wb.focusSection('Containers');
    const items = await wb.openContextMenu('Containers', talker);
    assert.ok(items.includes('Show Logs'), `the container's menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Show Logs');
    if (await wb.pickIfAsked('Show the logs of container', talker, () => wb.hasTerminal(`Logs: ${talker}`))) console.log('the view refreshed under the click: Show Logs asked which container');
    await wb.waitForActiveTerminal(`Logs: ${talker}`);
    const first = await waitFor('a tick line in the log terminal', async () => lastTick(await wb.terminalText()), { timeoutMs: 30_000, lastSeen: () => wb.terminalText() });
    // Following: the container keeps printing, and the terminal shows its later lines.
    const later = await waitFor(`a tick after ${first}`, async () => {
      const n = lastTick(await wb.terminalText());
      return n !== undefined && n >= first + 3 ? n : undefined;
    }, { timeoutMs: 30_000, lastSeen: () => wb.terminalText() });
    // Lines in order, none twice: the log is shown once, as the engine wrote it.
    const ticks = [...(await wb.terminalText()).matchAll(/tick (\d+)/g)].map((m) => Number(m[1]));
    assert.ok(ticks.every((n, i) => i === 0 || n === ticks[i - 1] + 1), `ticks in order, none missing or twice: ${ticks.join(' ')}`);
    assert.ok(later > first);
    await wb.moveMouseAway();
    await wb.screenshot(join(s.shots, 'container-logs.png'));
  });

  s.step('browser', 'Open in Browser on a container with an exposed, unpublished port opens http://<its IP>:80/, and the browser shows its page', async () => {
    const { wb } = s;
    const ip = (await s.engine.api.getContainer(web).inspect()).NetworkSettings.Networks.bridge?.IPAddress;
    assert.ok(ip, `${web} has an address on the bridge network`);
    const expected = `http://${ip}:80/`;
    await wb.focusSection('Containers');
    const popup = await openInBrowser(wb, web, expected);
    await waitFor('the new tab to load its page', async () => popup.url() !== 'about:blank' && popup.url(), { timeoutMs: 30_000 });
    // Stowage opens http://IP:80/ (its log says so); the browser writes the default port away.
    assert.equal(popup.url(), new URL(expected).href);
    // The browser itself reached the container's web server.
    await waitFor('the page to show the served file', async () => (await bodyText(popup)).includes(`served to the browser for ${unique}`), {
      timeoutMs: 30_000,
      lastSeen: () => bodyText(popup),
    });
    await popup.close();
  });

  s.step('browser-published', 'Run… with a port published on a host port the engine picks, then Open in Browser: the browser shows its page', async () => {
    const { wb } = s;
    const text = `published for ${unique}`;
    await runFromPalette(wb, published, `/bin/sh -c "mkdir -p /www && echo '${text}' > /www/index.html && exec /bin/httpd -f -h /www"`, '', ['Detached'], '127.0.0.1::80');
    await wb.focusSection('Containers');
    // The row names the host port the engine chose.
    const row = await waitFor(`${published}'s row to show its published port`, async () => {
      const r = await wb.revealRow('Containers', published);
      return /running/.test(r.description) && /127\.0\.0\.1:\d+→80\/tcp/.test(r.description) ? r : undefined;
    }, { timeoutMs: 60_000 });
    const port = Number(/127\.0\.0\.1:(\d+)→80\/tcp/.exec(row.description)![1]);
    const bound = (await s.engine.api.getContainer(published).inspect()).NetworkSettings.Ports['80/tcp']?.[0];
    assert.equal(bound?.HostPort, String(port), 'the port the row shows is the one the engine bound');
    const popup = await openInBrowser(wb, published);
    const url = await waitFor('the new tab to load its page', async () => popup.url() !== 'about:blank' && popup.url(), { timeoutMs: 30_000 });
    console.log(`Open in Browser on a published port opened ${url}`);
    // code-server may send a localhost address through its own port proxy (/proxy/<port>/): either reaches the container.
    const direct = `http://127.0.0.1:${port}/`;
    const proxied = `${new URL(s.server.url).origin}/proxy/${port}/`;
    assert.ok(url === direct || url === proxied, `the tab opened ${url}; expected ${direct} or ${proxied}`);
    await waitFor('the page to show the served file', async () => (await bodyText(popup)).includes(text), { timeoutMs: 30_000, lastSeen: () => bodyText(popup) });
    await popup.close();
  });

  s.step('copy', 'Copy Container Name and Copy Container ID (right-click), Copy Image ID (full) and Copy Reference (palette) put the value on the clipboard', async () => {
    const { wb } = s;
    await s.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(s.server.url).origin });
    const talkerId = (await s.engine.api.getContainer(talker).inspect()).Id;
    const copied = async (run: () => Promise<void>, pick?: { title: string; label: string }) => {
      // A value of the test's own first, so an old copy is never mistaken for the new one.
      const sentinel = `nothing copied yet ${Math.random()}`;
      await wb.page.evaluate((t) => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(t), sentinel);
      await run();
      return waitFor('the clipboard to change', async () => {
        if (pick && (await wb.quickInputTitle()) === pick.title) {
          console.log(`the view refreshed under the click: ${pick.title} asked which container`);
          await wb.filterAndPick(pick.title, pick.label);
        }
        const text = await readClipboard(wb.page);
        return text !== sentinel ? text : undefined;
      }, { timeoutMs: 30_000 });
    };
    await wb.focusSection('Containers');
    assert.equal(await copied(async () => {
      await wb.openContextMenu('Containers', talker);
      await wb.clickMenuItem('Copy Container Name');
    }, { title: 'Copy container name', label: talker }), talker);
    assert.equal(await copied(async () => {
      await wb.openContextMenu('Containers', talker);
      await wb.clickMenuItem('Copy Container ID');
    }, { title: 'Copy container ID', label: talker }), talkerId);
    assert.equal(await copied(() => pickImageFromPalette(wb, 'Stowage: Copy Image ID (full)', 'Copy full ID', BASE_IMAGE)), baseImageId);
    assert.equal(await copied(() => pickImageFromPalette(wb, 'Stowage: Copy Reference', 'Copy reference', BASE_IMAGE)), BASE_IMAGE);
  });

  /**
   * Open in Browser from the container's right-click; returns the tab the browser opened.
   * VS Code may ask before opening a site it does not trust yet (about `expected`, when
   * given): a person answers Open.
   */
  async function openInBrowser(wb: Workbench, container: string, expected?: string): Promise<Page> {
    const items = await wb.openContextMenu('Containers', container);
    assert.ok(items.includes('Open in Browser'), `the container's menu: ${items.join(', ')}`);
    const before = new Set(s.browser.context.pages());
    const opened = s.browser.context.waitForEvent('page', { timeout: 60_000 });
    opened.catch(() => {});
    await wb.clickMenuItem('Open in Browser');
    return waitFor('a new browser tab, or VS Code asking to open the site', async () => {
      const fresh = s.browser.context.pages().find((p) => !before.has(p));
      if (fresh) return fresh;
      if ((await wb.quickInputTitle()) === 'Open container in browser') {
        console.log('the view refreshed under the click: Open in Browser asked which container');
        await wb.filterAndPick('Open container in browser', container);
        return undefined;
      }
      const dialog = wb.page.locator('.monaco-dialog-box');
      if (await dialog.isVisible().catch(() => false)) {
        const text = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
        if (expected) assert.ok(text.includes(expected.replace(/\/$/, '')), `VS Code asks about the URL Stowage opens: ${text}`);
        console.log(`VS Code asked: ${text}`);
        await wb.clickDialogButton('Open');
        return await opened;
      }
      return undefined;
    }, { timeoutMs: 60_000 });
  }

  /** Run… from the command palette on the base image, through the whole dialog. */
  async function runFromPalette(wb: Workbench, name: string, command: string, env: string, how: string[], ports = ''): Promise<void> {
    await wb.runCommand('Stowage: Run…');
    await wb.filterAndPick('Run image', BASE_IMAGE);
    const title = `Run ${BASE_IMAGE}`;
    await wb.answerInput(title, /Container name/, name);
    await wb.answerInput(title, /Command \(empty/, command);
    await wb.answerInput(title, /Environment variables/, env);
    await wb.answerInput(title, /Published ports/, ports);
    await wb.answerInput(title, /Volumes and bind mounts/, '');
    await wb.answerInput(title, /Network \(empty/, '');
    await wb.answerPick(title, /^Restart policy$/, 'no');
    await wb.answerChecks(title, /How to run/, how);
  }
});

/** A palette Copy command on an image, picked by its reference (the pick takes many). */
async function pickImageFromPalette(wb: Workbench, command: string, title: string, reference: string): Promise<void> {
  await wb.runCommand(command);
  await wb.filterAndPick(title, reference);
}

async function readClipboard(page: Page): Promise<string> {
  // The page must have the focus for the clipboard to answer.
  await page.bringToFront();
  return page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
}

async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { document: { body?: { innerText: string } } }).document.body?.innerText ?? '').catch(() => '');
}

/** The number of the last "tick N" line the terminal shows. */
function lastTick(text: string): number | undefined {
  const all = [...text.matchAll(/tick (\d+)/g)];
  return all.length ? Number(all[all.length - 1][1]) : undefined;
}
