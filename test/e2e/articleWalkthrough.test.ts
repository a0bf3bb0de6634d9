import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { join } from 'node:path';
import { BASE_IMAGE, uniqueName } from '../support/testEngine';
import { OWNER_LABEL, useE2eSession } from './support/e2eSession';
import { execIn } from './support/execIn';
import type { TreeRow } from './support/TreeRow';
import { waitFor } from './support/waitFor';

// The seed article's walk-through, end to end, through Stowage's UI in a real VS Code
// (code-server) in a real browser: a busybox container (built from scratch) with a page
// under /data/html → Commit from its right-click, with author, message and
// CMD ["/bin/httpd","-f","-h","/data/html"], into a name of the test's own (the article's
// grandkai/busybox:v0.2) → Run from the new tag's right-click, detached, as the article's
// `b2` → the IP Stowage shows for it → the test fetches http://IP/ and gets the page, as the
// article's `curl` of `docker inspect b2`'s address did. The engine is asked only to check.

const CHANGE = 'CMD ["/bin/httpd","-f","-h","/data/html"]';
const AUTHOR = 'Stowage Walk-through <walk@example.invalid>';

describe("The article's walk-through (commit, run, IP, fetch) through the UI", { timeout: 6 * 60_000 }, () => {
  const unique = uniqueName('walk');
  const source = `stowage-e2e-${unique}-b1`;
  const b2 = `stowage-e2e-${unique}-b2`;
  const reference = `stowage-e2e-walk/${unique}:v0.2`;
  const repository = reference.replace(/:v0\.2$/, '');
  const message = `The article's walk-through, run ${unique}`;
  const page = `<h1>Hello from ${unique}</h1>\n`;
  let ip = '';

  const s = useE2eSession({
    prefix: 'walk',
    setup: async ({ engine, labels, removeAtEnd }) => {
      removeAtEnd({ containers: [source, b2], images: [reference] });
      // The article's b1: a busybox container running a shell, where a page is written.
      const container = await engine.api.createContainer({ Image: BASE_IMAGE, name: source, Cmd: ['/bin/sleep', '3600'], Labels: labels });
      await container.start();
      await execIn(container, `mkdir -p /data/html && printf '%s' '${page}' > /data/html/index.html`);
    },
  });

  s.step('commit', "Commit… from b1's right-click, with author, message and the httpd CMD, makes the image", async () => {
    const { wb } = s;
    await wb.focusSection('Containers');
    await wb.openContextMenu('Containers', source);
    await wb.clickMenuItem('Commit…');
    const commit = escapeRegExp(`Commit ${source}`);
    await waitFor('the commit dialog to list /data/html/index.html', async () => (await wb.quickPickItems()).includes('/data/html/index.html'), {
      timeoutMs: 15_000,
      lastSeen: () => wb.describeQuickInput(),
    });
    await wb.pickQuickItem(new RegExp(`^${commit} \\(1/6\\)`), 'Continue');
    await wb.submitInput(new RegExp(`^${commit} \\(2/6\\)`), reference);
    await wb.submitInput(new RegExp(`^${commit} \\(3/6\\)`), AUTHOR);
    await wb.submitInput(new RegExp(`^${commit} \\(4/6\\)`), message);
    await wb.submitInput(new RegExp(`^${commit} \\(5/6\\): Dockerfile change 1`), CHANGE);
    await wb.submitInput(new RegExp(`^${commit} \\(5/6\\): Dockerfile change 2`), '');
    await wb.pickQuickItem(new RegExp(`^${commit} \\(6/6\\)`), 'Pause while committing');
    await wb.waitForNotification(new RegExp(`^Committed ${escapeRegExp(source)} as ${escapeRegExp(reference)}\\.`), 60_000);

    const image = await s.engine.api.getImage(reference).inspect();
    assert.equal(image.Author, AUTHOR);
    assert.equal(image.Comment, message);
    assert.deepEqual(image.Config.Cmd, ['/bin/httpd', '-f', '-h', '/data/html']);
    // The commit keeps b1's labels, the owner label among them: a run killed before its cleanup leaves nothing unlabelled.
    assert.equal(image.Config.Labels?.[OWNER_LABEL], String(process.pid));
  });

  s.step('run', "Run… from the new tag's right-click, detached, as b2: the container runs the committed image's httpd", async () => {
    const { wb } = s;
    await wb.clearNotifications();
    await wb.focusSection('Images');
    // Other sessions share the engine and may hold thousands of images: the row can be far down.
    await wb.expandRow('Images', repository, 180_000);
    const items = await wb.openContextMenu('Images', tagRow(reference), 60_000);
    assert.ok(items.includes('Run…'), `the tag's menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Run…');
    const title = `Run ${reference}`;
    if (await wb.pickIfAsked('Run image', reference, async () => (await wb.quickInputTitle()) === title)) console.log('the Images view refreshed under the click: Run… asked which image');
    await wb.answerInput(title, /Container name/, b2);
    await wb.answerInput(title, /^e\.g\. \/bin\/httpd.*Command/, '');
    await wb.answerInput(title, /Environment variables/, '');
    await wb.answerInput(title, /Published ports/, '');
    await wb.answerInput(title, /Volumes and bind mounts/, '');
    await wb.answerInput(title, /Network/, '');
    await wb.answerPick(title, /^Restart policy$/, 'no');
    await wb.waitForQuickInput(title);
    await waitFor('the run choices to show', async () => /How to run/.test(await wb.quickInputAsks()));
    await wb.moveMouseAway();
    await wb.screenshot(join(s.shots, 'run-dialog.png'));
    await wb.answerChecks(title, /How to run/, ['Detached']);

    const state = await waitFor(`the engine to run ${b2}`, async () => {
      const info = await s.engine.api.getContainer(b2).inspect().catch(() => undefined);
      return info?.State.Running ? info : undefined;
    }, { timeoutMs: 60_000, lastSeen: () => wb.describeQuickInput() });
    assert.equal(state.Config.Image, reference, 'b2 runs the committed image');
    assert.deepEqual(state.Config.Cmd, ['/bin/httpd', '-f', '-h', '/data/html'], "b2 runs the image's CMD (no override was typed)");
    assert.equal(state.Config.Tty, false, 'detached: no TTY');
  });

  s.step('ip', "The Containers view shows b2 running with its IP address (the row and its tooltip)", async () => {
    const { wb } = s;
    await wb.focusSection('Containers');
    // The row's description: image · state · address(es) · ports.
    const row = await waitFor(`${b2}'s row to show it running with an address`, async () => {
      const r = await wb.revealRow('Containers', b2);
      return /running/.test(r.description) && IPV4.test(r.description) ? r : undefined;
    }, { timeoutMs: 30_000 });
    ip = IPV4.exec(row.description)![0];
    assert.ok(row.description.startsWith(`${reference} · running`), `the row: ${row.description}`);
    const tooltip = await wb.rowTooltip('Containers', b2, /IP:/);
    assert.match(tooltip, new RegExp(`IP: ${escapeRegExp(ip)} on bridge`), `the tooltip: ${tooltip}`);
    await wb.screenshot(join(s.shots, 'container-ip.png'));
    await wb.moveMouseAway();
  });

  s.step('fetch', "http://<the IP Stowage shows>/ serves the page written in b1 (the article's curl)", async () => {
    // httpd starts with the container; a busy machine may take a moment to have it listen.
    const body = await waitFor(`http://${ip}/ to answer`, () => fetchText(`http://${ip}/`).catch(() => undefined), { timeoutMs: 30_000 });
    assert.equal(body, page);
    // The address is the one the engine gave b2, not one that only happens to answer.
    const info = await s.engine.api.getContainer(b2).inspect();
    assert.equal(info.NetworkSettings.Networks.bridge?.IPAddress, ip);
  });
});

const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/;

/** A tag row of the Images view, by its full reference (the row's label is the tag alone). */
function tagRow(reference: string): (row: TreeRow) => boolean {
  return (row) => row.ariaLabel.startsWith(`${reference}, `);
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 3_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 3 s')));
    req.on('error', reject);
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
