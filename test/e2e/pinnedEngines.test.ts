import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../src/engine/contexts/createContext';
import type { Engine } from '../../src/engine/Engine';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../support/secondEngine';
import { uniqueName } from '../support/testEngine';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { failureReporter } from './support/failureReporter';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import type { TreeRow } from './support/TreeRow';
import { Workbench } from './support/Workbench';

// Issue 13, several engines at once: two engines pinned from the Engines view, and the
// Images and Containers views group by engine, each engine following its own event
// stream. Both are real dockerds of the test's own (the shared engine's pace depends on
// what other sessions do to it); the second is frozen (SIGSTOP) and then stopped, and the
// first one's rows keep coming at once all the while. The engine Stowage uses (the
// shared one) is not pinned: its own session stays apart.

describe('Pinned engines side by side in VS Code', { timeout: 12 * 60_000 }, () => {
  const ns = `e2e-pin/${uniqueName('pin')}`;
  const mainTag = `${ns}/main:1.0`;
  const secondTag = `${ns}/second:1.0`;
  const firstName = 'e2e-pin-first';
  const contextName = 'e2e-pin-second';
  let engine: Engine;
  let first: SecondEngine | undefined;
  let second: SecondEngine | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let root = '';
  let dockerConfig = '';
  const check = failureReporter({ dir: () => join(root, 'test-results/e2e'), prefix: 'pinned-engines', workbench: () => wb, server: () => server });
  const isGroup = (name: string) => (r: TreeRow) => r.level === 1 && r.label === name;
  const under = async (view: string, group: string, repository: string, timeoutMs = 60_000) =>
    wb.childRows(view, isGroup(group), (rows) => rows.some((r) => r.label === repository), timeoutMs);

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    mkdirSync(join(root, 'test-results/e2e'), { recursive: true });
    const vsix = buildVsix(tools.root);
    vsix.catch(() => {});
    first = await startSecondEngine('e2epina');
    engine = first.engine();
    await buildScratchImage(engine, mainTag);
    second = await startSecondEngine('e2epinb');
    await buildScratchImage(second.engine(), secondTag);
    dockerConfig = mkdtempSync(join(tmpdir(), 'stowage-e2e-docker-config-'));
    await createContext({ name: firstName, description: 'a dockerd of the test', host: `unix://${first.socketPath}` }, { configDir: dockerConfig });
    await createContext({ name: contextName, description: 'another dockerd of the test', host: `unix://${second.socketPath}` }, { configDir: dockerConfig });
    server = await startCodeServer(tools, { vsixes: [await vsix], env: { DOCKER_CONFIG: dockerConfig, DOCKER_HOST: '', DOCKER_CONTEXT: '' } });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    const quietly = (work: () => unknown) => Promise.resolve().then(work).catch((err) => console.error(`cleanup: ${(err as Error).message}`));
    if (second?.pid !== undefined) await quietly(() => process.kill(second!.pid!, 'SIGCONT'));
    await quietly(() => browser?.close());
    await quietly(() => server?.stop());
    await quietly(() => first?.remove());
    await quietly(() => second?.remove());
    rmSync(dockerConfig, { recursive: true, force: true });
  });

  it('pins two engines from the Engines view, and Images and Containers group by engine', async () => {
    await check('pin', async () => {
      await wb.setSectionExpanded('Engines', true);
      await wb.revealRow('Engines', (r: TreeRow) => r.label === contextName && /20\.10/.test(r.description), 120_000);
      for (const name of [firstName, contextName]) {
        const items = await wb.openContextMenu('Engines', (r: TreeRow) => r.label === name);
        assert.ok(items.includes('Pin in Stowage'), `the menu of ${name}: ${items.join(', ')}`);
        await wb.clickMenuItem('Pin in Stowage');
        await wb.revealRow('Engines', (r: TreeRow) => r.label === name && /pinned/.test(r.description), 30_000);
      }
      await wb.focusSection('Images');
      await wb.revealRow('Images', isGroup(firstName), 60_000);
      await under('Images', contextName, `${ns}/second`);
      await under('Images', firstName, `${ns}/main`, 240_000);
      const secondRows = await wb.childRows('Images', isGroup(contextName));
      assert.ok(!secondRows.some((r) => r.label === `${ns}/main`), `the second engine's rows: ${secondRows.map((r) => r.label).join(', ')}`);
      await wb.setSectionExpanded('Containers', true);
      await wb.revealRow('Containers', isGroup(contextName), 60_000);
      await wb.revealRow('Containers', isGroup(firstName), 60_000);
    });
  });

  it('with the second engine frozen, the first still lists at once, and the frozen one says so on its own row', async () => {
    await check('frozen', async () => {
      process.kill(second!.pid!, 'SIGSTOP');
      // Every engine lists again; the frozen one's listing hangs until its answer limit (30 s).
      await wb.focusSection('Images');
      await wb.runCommand('Stowage: Refresh');
      const askedAt = Date.now();
      await engine.api.getImage(mainTag).tag({ repo: `${ns}/fresh`, tag: '1.0' });
      await under('Images', firstName, `${ns}/fresh`, 25_000);
      const ms = Date.now() - askedAt;
      // Seen before the frozen engine's listing could even have failed: nothing waited for it.
      assert.ok(ms < 25_000, `the first engine's new tag showed after ${ms} ms`);
      const frozen = await wb.childRows('Images', isGroup(contextName), (rows) => rows.some((r) => /did not answer/.test(r.label)), 90_000);
      assert.ok(frozen.some((r) => r.label === 'Retry'), frozen.map((r) => r.label).join(', '));
      process.kill(second!.pid!, 'SIGCONT');
      const retry = await wb.revealRow('Images', (r: TreeRow) => r.level === 2 && r.label === 'Retry');
      const pane = await wb.section('Images');
      await wb.rowElement(pane, retry).click();
      await under('Images', contextName, `${ns}/second`);
      // Answering again, it is no longer said to be unreachable.
      await wb.revealRow('Images', (r: TreeRow) => isGroup(contextName)(r) && !/not reachable/.test(r.description), 30_000);
    });
  });

  it('with the second engine stopped, its row says it is not reachable, the first goes on, and it comes back by itself', async () => {
    await check('stopped', async () => {
      await second!.stop();
      await wb.revealRow('Images', (r: TreeRow) => isGroup(contextName)(r) && /not reachable/.test(r.description), 60_000);
      await engine.api.getImage(mainTag).tag({ repo: `${ns}/later`, tag: '1.0' });
      await under('Images', firstName, `${ns}/later`, 30_000);
      await second!.start();
      // Its event stream reconnects (backoff at most 10 s), and its row lists again.
      await wb.revealRow('Images', (r: TreeRow) => isGroup(contextName)(r) && !/not reachable/.test(r.description), 60_000);
      await under('Images', contextName, `${ns}/second`);
    });
  });
});
