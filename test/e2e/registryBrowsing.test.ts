import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { registryTags } from '../integration/registry/registryTestKit';
import { account, pushedRepository, type PushedRepository } from '../integration/remote/remoteKit';
import { cleanup, testEngine } from '../support/testEngine';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { failureReporter } from './support/failureReporter';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import type { TreeRow } from './support/TreeRow';
import { waitFor } from './support/waitFor';
import { Workbench } from './support/Workbench';

// Browsing the test registry as a person does: open the login, a repository, its tags and a
// tag's platform; pull a remote tag; inspect it; delete it. Checked against the engine and the
// registry's own HTTP API, not against what the UI says about itself.

describe('Registries view: repositories, remote tags, pull, inspect, delete, in VS Code', { timeout: 10 * 60_000 }, () => {
  const engine = testEngine();
  let repo: PushedRepository;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let root = '';
  let digest = '';
  const check = failureReporter({ dir: () => join(root, 'test-results/e2e'), prefix: 'registries', workbench: () => wb, server: () => server });

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    mkdirSync(join(root, 'test-results/e2e'), { recursive: true });
    const vsix = buildVsix(tools.root);
    vsix.catch(() => {});
    repo = await pushedRepository(engine, ['1.0', '2.0'], 'e2e');
    const local = await engine.api.getImage(`${repo.repository}:1.0`).inspect();
    digest = local.RepoDigests.find((d) => d.startsWith(`${repo.repository}@`))!.split('@')[1];
    // Only the registry has it now: Pull must really fetch it.
    await cleanup(engine, { images: [`${repo.repository}:1.0`, `${repo.repository}:2.0`] });
    server = await startCodeServer(tools, { vsixes: [await vsix], env: { DOCKER_CONFIG: repo.cfg.dir } });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    const quietly = (work: () => unknown) => Promise.resolve().then(work).catch((err) => console.error(`cleanup: ${(err as Error).message}`));
    await quietly(() => browser?.close());
    await quietly(() => server?.stop());
    await quietly(() => repo?.remove());
  });

  it('lists the repository, its tags newest version first with digest, and a tag\'s platform', async () => {
    await check('browse', async () => {
      await wb.focusSection('Registries');
      await wb.expandRow('Registries', account.registry);
      await wb.revealRow('Registries', repo.path, 120_000);
      await wb.expandRow('Registries', repo.path);
      const tags = await wb.childRows('Registries', repo.path, (c) => c.length === 2 && c.every((r) => r.description !== ''));
      assert.deepEqual(tags.map((t) => t.label), ['2.0', '1.0']);
      for (const t of tags) assert.match(t.description, new RegExp(`^${digest.slice(0, 19)} · `));
      await wb.expandRow('Registries', tagRow('2.0'));
      const platforms = await wb.childRows('Registries', tagRow('2.0'));
      assert.deepEqual(platforms.map((p) => p.label), ['linux/amd64']);
    });
  });

  it('Pull on a remote tag brings it into the engine', async () => {
    await check('pull', async () => {
      const items = await wb.openContextMenu('Registries', tagRow('1.0'));
      for (const expected of ['Pull', 'Inspect Remote Tag', 'Copy Reference', 'Copy Digest', 'Delete from Registry…']) assert.ok(items.includes(expected), `menu: ${items.join(', ')}`);
      await wb.clickMenuItem('Pull');
      await wb.waitForNotification(new RegExp(`^Pulled ${escapeRegExp(repo.repository)}:1\\.0\\.$`), 120_000);
      const pulled = await engine.api.getImage(`${repo.repository}:1.0`).inspect();
      assert.ok(pulled.RepoDigests.includes(`${repo.repository}@${digest}`));
    });
  });

  it('Inspect opens the manifest and config as a read-only JSON document', async () => {
    await check('inspect', async () => {
      await wb.focusSection('Registries');
      await wb.openContextMenu('Registries', tagRow('1.0'));
      await wb.clickMenuItem('Inspect Remote Tag');
      const text = await wb.waitForEditorText(/"mediaType": "application\/vnd\.docker\.distribution\.manifest\.v2\+json"/);
      assert.match(text, new RegExp(`"digest": "${digest}"`));
      assert.match(text, /"architecture": "amd64"/);
      assert.ok(!text.includes(account.password), 'no credential in the document');
    });
  });

  it('Delete asks first, naming every tag on the manifest, then the registry no longer has them', async () => {
    await check('delete', async () => {
      await wb.focusSection('Registries');
      await wb.openContextMenu('Registries', tagRow('1.0'));
      await wb.clickMenuItem('Delete from Registry…');
      const dialog = await wb.waitForDialog(new RegExp(`^Delete ${escapeRegExp(repo.repository)}:1\\.0 from ${escapeRegExp(account.registry)}\\?$`));
      assert.match(dialog.detail, new RegExp(`manifest ${digest}.*every tag that points at it goes with it: 1\\.0, 2\\.0\\.`));
      assert.deepEqual(await registryTags(account, repo.path), ['1.0', '2.0'], 'nothing deleted while the question is open');
      await wb.clickDialogButton('Delete Manifest');
      await wb.waitForNotification(new RegExp(`^Deleted ${escapeRegExp(repo.repository)}@${digest} \\(1\\.0, 2\\.0\\)`));
      assert.deepEqual(await registryTags(account, repo.path), []);
      await waitFor('the repository to show no tags', async () => {
        const rows = await wb.childRows('Registries', repo.path, () => true);
        return rows.length === 1 && rows[0].label === 'No tags';
      }, { timeoutMs: 30_000 });
    });
  });
});

function tagRow(tag: string): (row: TreeRow) => boolean {
  return (row) => row.label === tag && row.level === 3;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
