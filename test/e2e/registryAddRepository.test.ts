import { after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { login } from '../../src/engine/registry/login';
import { pushImage } from '../../src/engine/registry/pushImage';
import { tempDockerConfig, uniqueImage, type TempDockerConfig } from '../integration/registry/registryTestKit';
import { uniqueName } from '../support/testEngine';
import { startTokenRegistry, type TokenRegistry } from '../support/tokenRegistry';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';
import { waitFor } from './support/waitFor';

// "Add Repository…" as a person uses it, on the registry it exists for: one that does not
// list its repositories to this account (a token registry whose issuer withholds the
// catalog scope). The repository is pushed there and its local tags removed, so nothing but
// the user's typing can bring it into the view. Checked against the registry's own answer.

describe('Registries view: Add Repository… under a login whose registry keeps its catalog, then Remove from View', { timeout: 8 * 60_000 }, () => {
  let reg: TokenRegistry | undefined;
  let cfg: TempDockerConfig | undefined;
  const path = `s11reg/${uniqueName('added')}`;
  let repository = '';
  let digest = '';
  const codeServer: { env?: Record<string, string> } = {};

  const s = useE2eSession({
    prefix: 'add-repository',
    setup: async ({ engine, removeAtEnd }) => {
      reg = await startTokenRegistry();
      cfg = tempDockerConfig();
      repository = `${reg.registry}/${path}`;
      removeAtEnd({ images: [`${repository}:1.0`, `${repository}:2.0`] });
      await login(engine, { server: reg.registry, username: reg.username, password: reg.password }, cfg.options);
      await uniqueImage(engine, repository, '1.0', 0);
      await engine.api.getImage(`${repository}:1.0`).tag({ repo: repository, tag: '2.0' });
      await pushImage(engine, { repository, allTags: true }, { credentials: cfg.options });
      const local = await engine.api.getImage(`${repository}:1.0`).inspect();
      digest = local.RepoDigests.find((d) => d.startsWith(`${repository}@`))!.split('@')[1];
      // Without local tags the view cannot find the repository through the engine's images either.
      for (const tag of ['1.0', '2.0']) await engine.api.getImage(`${repository}:${tag}`).remove();
      reg.policy.catalog = false;
      codeServer.env = { DOCKER_CONFIG: cfg.dir };
    },
    codeServer,
  });

  after(async () => {
    cfg?.remove();
    // The registry's storage is its own temp folder: stopping it removes what was pushed.
    await reg?.stop();
  });

  const isLogin = (r: TreeRow) => r.label === reg!.registry && r.level === 1;
  const isRepository = (r: TreeRow) => r.label === path && r.level === 2;

  s.step('no-catalog', 'the login shows that its registry does not list its repositories, and the pushed one is not there', async () => {
    const { wb } = s;
    await wb.focusSection('Registries');
    await wb.expandRow('Registries', isLogin);
    const children = await wb.childRows('Registries', isLogin);
    assert.match(children[0].label, new RegExp(`^${escapeRegExp(reg!.registry)} does not list its repositories`));
    assert.ok(!children.some((c) => c.label === path), `rows: ${children.map((c) => c.label).join(', ')}`);
  });

  s.step('add', 'Add Repository… on the login refuses a bad path as it is typed, takes a good one, and the repository shows with its tags', async () => {
    const { wb } = s;
    const items = await wb.openContextMenu('Registries', isLogin);
    assert.ok(items.includes('Add Repository…'), `menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Add Repository…');
    const title = `Add a repository to ${reg!.registry}`;
    await wb.waitForQuickInput(title);
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('S11reg/app');
    await waitFor('the input box to refuse an uppercase path', async () => /uppercase|lowercase/i.test(await wb.describeQuickInput()), { timeoutMs: 30_000, lastSeen: () => wb.describeQuickInput() });
    await wb.submitInput(title, path);
    const row = await wb.revealRow('Registries', isRepository, 60_000);
    assert.equal(row.description, 'added by hand');
    await wb.expandRow('Registries', isRepository);
    const tags = await wb.childRows('Registries', isRepository, (c) => c.length === 2 && c.every((r) => r.description !== ''));
    assert.deepEqual(tags.map((t) => t.label), ['2.0', '1.0']);
    for (const t of tags) assert.match(t.description, new RegExp(`^${digest.slice(0, 19)} · `));
    await wb.screenshot(join(s.shots, 'registry-add-repository.png'));
  });

  s.step('remove', 'Remove from View takes the repository out of the view and leaves the registry as it was', async () => {
    const { wb } = s;
    await wb.focusSection('Registries');
    const items = await wb.openContextMenu('Registries', isRepository);
    assert.ok(items.includes('Remove from View'), `menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Remove from View');
    await waitFor('the added repository to leave the view', async () => !(await wb.treeRows('Registries')).some((r) => r.label === path), { timeoutMs: 30_000 });
    // The login itself stays, and the registry still holds both tags.
    await wb.revealRow('Registries', isLogin);
    assert.deepEqual(await remoteTags(), ['1.0', '2.0']);
  });

  /** The tags the registry holds, asked through a token of the test's own issuer. */
  async function remoteTags(): Promise<string[]> {
    const basic = Buffer.from(`${reg!.username}:${reg!.password}`).toString('base64');
    const challenge = await fetch(`http://${reg!.registry}/v2/${path}/tags/list`);
    const realm = /realm="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1];
    const service = /service="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1];
    assert.ok(realm && service, 'a Bearer challenge');
    const tokenRes = await fetch(`${realm}?service=${encodeURIComponent(service)}&scope=${encodeURIComponent(`repository:${path}:pull`)}`, { headers: { authorization: `Basic ${basic}` } });
    const { token } = (await tokenRes.json()) as { token: string };
    const res = await fetch(`http://${reg!.registry}/v2/${path}/tags/list`, { headers: { authorization: `Bearer ${token}` } });
    return (((await res.json()) as { tags?: string[] }).tags ?? []).sort();
  }
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
