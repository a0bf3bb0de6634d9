import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closedPort, dockerCli, registryTags, uniqueImage } from '../integration/registry/registryTestKit';
import { account, pushedRepository, type PushedRepository } from '../integration/remote/remoteKit';
import { cleanup } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';
import { waitFor } from './support/waitFor';

// Browsing the test registry as a person does: open the login, a repository, its tags and a
// tag's platform; pull a remote tag; inspect it; delete it. Checked against the engine and the
// registry's own HTTP API, not against what the UI says about itself.

describe('Registries view: repositories, remote tags, pull, inspect, delete, in VS Code', { timeout: 10 * 60_000 }, () => {
  let repo: PushedRepository;
  let digest = '';

  const s = useE2eSession({
    prefix: 'registries',
    setup: async ({ engine, atEnd, addEnv }) => {
      repo = await pushedRepository(engine, ['1.0', '2.0'], 'e2e');
      atEnd(() => repo.remove());
      const local = await engine.api.getImage(`${repo.repository}:1.0`).inspect();
      digest = local.RepoDigests.find((d) => d.startsWith(`${repo.repository}@`))!.split('@')[1];
      // Only the registry has it now: Pull must really fetch it.
      await cleanup(engine, { images: [`${repo.repository}:1.0`, `${repo.repository}:2.0`] });
      addEnv({ DOCKER_CONFIG: repo.cfg.dir });
    },
  });

  it('lists the repository, its tags newest version first with digest, and a tag\'s platform', async () => {
    await s.check('browse', async () => {
      const { wb } = s;
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
    await s.check('pull', async () => {
      const { engine, wb } = s;
      const items = await wb.openContextMenu('Registries', tagRow('1.0'));
      for (const expected of ['Pull', 'Inspect Remote Tag', 'Copy Reference', 'Copy Digest', 'Delete from Registry…']) assert.ok(items.includes(expected), `menu: ${items.join(', ')}`);
      await wb.clickMenuItem('Pull');
      await wb.waitForNotification(new RegExp(`^Pulled ${escapeRegExp(repo.repository)}:1\\.0\\.$`), 120_000);
      const pulled = await engine.api.getImage(`${repo.repository}:1.0`).inspect();
      assert.ok(pulled.RepoDigests.includes(`${repo.repository}@${digest}`));
    });
  });

  it('Inspect opens the manifest and config as a read-only JSON document', async () => {
    await s.check('inspect', async () => {
      const { wb } = s;
      await wb.focusSection('Registries');
      await wb.openContextMenu('Registries', tagRow('1.0'));
      await wb.clickMenuItem('Inspect Remote Tag');
      const text = await wb.waitForEditorText(/"mediaType": "application\/vnd\.docker\.distribution\.manifest\.v2\+json"/);
      assert.match(text, new RegExp(`"digest": "${digest}"`));
      assert.match(text, /"architecture": "amd64"/);
      assert.ok(!text.includes(account.password), 'no credential in the document');
    });
  });

  it('Compare with the Local Image: after the pull, every layer is present and a pull would download nothing', async () => {
    await s.check('compare', async () => {
      const { wb } = s;
      await wb.focusSection('Registries');
      const items = await wb.openContextMenu('Registries', tagRow('1.0'));
      assert.ok(items.includes('Compare with the Local Image'), `menu: ${items.join(', ')}`);
      await wb.clickMenuItem('Compare with the Local Image');
      const text = await wb.waitForEditorText(/already present locally by diff ID/, 120_000);
      const counts = /^(\d+) of (\d+) layers already present/m.exec(text);
      assert.ok(counts && counts[1] === counts[2], text);
      assert.match(text, /a pull would download 0 B \(0 layers not on a local chain\)/);
      assert.match(text, /the same as the registry's/);
    });
  });

  it('Delete asks first, naming every tag on the manifest, then the registry no longer has them', async () => {
    await s.check('delete', async () => {
      const { wb } = s;
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
  it('newer on the registry: after the docker CLI pushes another image under 1.0, Check for Newer marks the local 1.0', async () => {
    await s.check('newer', async () => {
      const { engine, wb } = s;
      const env = { ...process.env, DOCKER_CONFIG: repo.cfg.dir };
      const local = await engine.api.getImage(`${repo.repository}:1.0`).inspect();
      await uniqueImage(engine, repo.repository, 'other', 0);
      try {
        // Pushed under 1.0 by the CLI, then the local 1.0 put back on the image pulled before.
        for (const args of [['tag', `${repo.repository}:other`, `${repo.repository}:1.0`], ['push', `${repo.repository}:1.0`], ['tag', local.Id, `${repo.repository}:1.0`]]) {
          const r = await dockerCli(args, env);
          assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
        }
        assert.deepEqual(await registryTags(account, repo.path), ['1.0']);
        await wb.runCommand('Stowage: Check for Newer on the Registry');
        await wb.waitForNotification(new RegExp(`The registry has a newer [^.]*${escapeRegExp(repo.repository)}:1\\.0`), 120_000);
        const name = repo.repository.slice(repo.repository.lastIndexOf('/') + 1);
        await wb.focusSection('Images');
        let shown: string[] = [];
        // The view refreshes as the engine reports the tag and push, and a refresh may fold the repository again.
        const row = await waitFor('the local 1.0 marked in Images', async () => {
          await wb.expandRow('Images', repo.repository);
          const rows = await wb.treeRows('Images');
          shown = rows.filter((r) => r.ariaLabel.startsWith(`${repo.repository}:`)).map((r) => `${r.label} — ${r.description}`);
          return rows.find((r) => r.ariaLabel.startsWith(`${repo.repository}:1.0, `) && r.description.includes(`registry has a newer ${name}:1.0`));
        }, { timeoutMs: 90_000, lastSeen: async () => JSON.stringify(shown) });
        assert.ok(row.description.startsWith(`registry has a newer ${name}:1.0`), row.description);
      } finally {
        await cleanup(engine, { images: [`${repo.repository}:other`] });
      }
    });
  });
  it('Add Registry…: a bad address is refused in the input box, a good one shows as added by hand, fails in words when expanded, and goes with Remove from View', async () => {
    await s.check('add-registry', async () => {
      const { wb } = s;
      const address = `127.0.0.1:${await closedPort()}`;
      await wb.focusSection('Registries');
      // Fold the login (its catalog is long on the shared registry) so the rows after it are in view.
      const isLogin = (r: TreeRow) => r.label === account.registry && r.level === 1;
      await waitFor('the login row folded', async () => {
        const login = await wb.revealRow('Registries', isLogin);
        if (!login.expanded) return true;
        await wb.rowElement(await wb.section('Registries'), login).locator('.monaco-tl-twistie').click({ timeout: 2_000 }).catch(() => {});
        return false;
      }, { timeoutMs: 30_000, intervalMs: 1_000 });
      await wb.runCommand('Stowage: Add Registry…');
      await wb.waitForQuickInput('Add a registry');
      const input = wb.page.locator('.quick-input-widget .quick-input-box input');
      await input.fill(`https://${address}`);
      await waitFor('the input box to refuse a scheme', async () => /without "https:\/\/".*at character 1/.test(await wb.describeQuickInput()), { timeoutMs: 30_000, lastSeen: () => wb.describeQuickInput() });
      await wb.submitInput('Add a registry', address);
      const row = await wb.revealRow('Registries', (r) => r.label === address && r.description === 'added by hand', 60_000);
      assert.equal(row.level, 1);
      await wb.expandRow('Registries', (r) => r.label === address && r.level === 1);
      const children = await wb.childRows('Registries', (r) => r.label === address && r.level === 1);
      assert.match(children[0].label, new RegExp(`nothing answers at http://${escapeRegExp(address)} \\(connection refused\\)`));
      await wb.openContextMenu('Registries', (r) => r.label === address && r.level === 1);
      await wb.clickMenuItem('Remove from View');
      await waitFor('the added registry to leave the view', async () => !(await wb.treeRows('Registries')).some((r) => r.label === address), { timeoutMs: 30_000 });
    });
  });
});

function tagRow(tag: string): (row: TreeRow) => boolean {
  return (row) => row.label === tag && row.level === 3;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
