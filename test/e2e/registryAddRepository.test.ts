import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { login } from '../../src/engine/registry/login';
import { pushImage } from '../../src/engine/registry/pushImage';
import { tempDockerConfig, uniqueImage, type TempDockerConfig } from '../integration/registry/registryTestKit';
import { uniqueName } from '../support/testEngine';
import { digestOf, startTokenRegistry, type TokenRegistry } from '../support/tokenRegistry';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';
import { waitFor } from './support/waitFor';

// "Add Repository…" as a person uses it, on the registry it exists for: one that does not
// list its repositories to this account (a token registry whose issuer withholds the
// catalog scope). The repository is pushed there and its local tags removed, so nothing but
// the user's typing can bring it into the view. Checked against the registry's own answer.
// The repository also holds an image index (assembled here from two pushed images, the
// engine's platform second): Compare with the Local Image on it compares the engine's one.

describe('Registries view: Add Repository… under a login whose registry keeps its catalog, then Remove from View', { timeout: 8 * 60_000 }, () => {
  let reg: TokenRegistry | undefined;
  let cfg: TempDockerConfig | undefined;
  const path = `s11reg/${uniqueName('added')}`;
  let repository = '';
  let digest = '';
  let native = '';
  let foreign = '';

  const s = useE2eSession({
    prefix: 'add-repository',
    setup: async ({ engine, removeAtEnd, atEnd, addEnv }) => {
      reg = await startTokenRegistry();
      cfg = tempDockerConfig();
      atEnd(() => cfg?.remove());
      // The registry's storage is its own temp folder: stopping it removes what was pushed.
      atEnd(() => reg?.stop());
      repository = `${reg.registry}/${path}`;
      removeAtEnd({ images: [`${repository}:1.0`, `${repository}:2.0`] });
      await login(engine, { server: reg.registry, username: reg.username, password: reg.password }, cfg.options);
      await uniqueImage(engine, repository, '1.0', 0);
      await engine.api.getImage(`${repository}:1.0`).tag({ repo: repository, tag: '2.0' });
      // Another image, standing in for another platform in the index.
      await uniqueImage(engine, repository, 'other', 0);
      removeAtEnd({ images: [`${repository}:other`] });
      await pushImage(engine, { repository, allTags: true }, { credentials: cfg.options });
      const local = await engine.api.getImage(`${repository}:1.0`).inspect();
      digest = local.RepoDigests.find((d) => d.startsWith(`${repository}@`))!.split('@')[1];
      const version = await engine.api.version();
      native = `${version.Os}/${version.Arch}`;
      foreign = version.Arch === 'amd64' ? 'linux/arm64/v8' : 'linux/amd64';
      const [os, architecture, variant] = foreign.split('/');
      await putIndex('multi', [
        { tag: 'other', platform: { os, architecture, ...(variant ? { variant } : {}) } },
        { tag: '1.0', platform: { os: version.Os, architecture: version.Arch } },
      ]);
      // Without local tags the view cannot find the repository through the engine's images either.
      for (const tag of ['1.0', '2.0', 'other']) await engine.api.getImage(`${repository}:${tag}`).remove();
      reg.policy.catalog = false;
      addEnv({ DOCKER_CONFIG: cfg.dir });
    },
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
    const tags = await wb.childRows('Registries', isRepository, (c) => c.length === 4 && c.every((r) => r.description !== ''));
    assert.deepEqual(tags.map((t) => t.label).sort(), ['1.0', '2.0', 'multi', 'other']);
    assert.ok(tags.findIndex((t) => t.label === '2.0') < tags.findIndex((t) => t.label === '1.0'), 'newest version first');
    for (const t of tags.filter((t) => t.label.endsWith('.0'))) assert.match(t.description, new RegExp(`^${digest.slice(0, 19)} · `));
    await wb.screenshot(join(s.shots, 'registry-add-repository.png'));
  });

  s.step('compare-index', 'Compare with the Local Image on the image index compares the engine\'s platform, not the first entry, and says so', async () => {
    const { wb } = s;
    await wb.focusSection('Registries');
    const items = await wb.openContextMenu('Registries', (r) => r.label === 'multi' && r.level === 3);
    assert.ok(items.includes('Compare with the Local Image'), `menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Compare with the Local Image');
    const text = await wb.waitForEditorText(/already present locally by diff ID/, 120_000);
    assert.ok(text.startsWith(`${repository}:multi (${native}) against the local engine`), text);
    assert.match(text, new RegExp(`an image index for ${escapeRegExp(foreign)}, ${escapeRegExp(native)}\n`));
    assert.match(text, new RegExp(`compared: ${escapeRegExp(native)}, this engine's platform, as a pull here would take it \\(manifest ${digest}\\)`));
    // The engine's image was removed after the push: its own top layer is what a pull would fetch.
    assert.match(text, /a pull would download [^0][^ ]* [kMG]?B \(1 layer not on a local chain\)/);
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
    assert.deepEqual(await remoteTags(), ['1.0', '2.0', 'multi', 'other']);
  });

  /** A token from the test's own issuer for `actions` on the repository. */
  async function token(actions: string): Promise<string> {
    const basic = Buffer.from(`${reg!.username}:${reg!.password}`).toString('base64');
    const challenge = (await fetch(`http://${reg!.registry}/v2/`)).headers.get('www-authenticate') ?? '';
    const realm = /realm="([^"]+)"/.exec(challenge)?.[1];
    const service = /service="([^"]+)"/.exec(challenge)?.[1];
    assert.ok(realm && service, `a Bearer challenge: ${challenge}`);
    const res = await fetch(`${realm}?service=${encodeURIComponent(service)}&scope=${encodeURIComponent(`repository:${path}:${actions}`)}`, { headers: { authorization: `Basic ${basic}` } });
    return ((await res.json()) as { token: string }).token;
  }

  /** An OCI index under `tag` of the single-platform manifests of `entries`' tags, declared for their platforms. */
  async function putIndex(tag: string, entries: Array<{ tag: string; platform: { os: string; architecture: string; variant?: string } }>): Promise<void> {
    const bearer = `Bearer ${await token('pull,push')}`;
    const manifests = [];
    for (const e of entries) {
      const res = await fetch(`http://${reg!.registry}/v2/${path}/manifests/${e.tag}`, { headers: { authorization: bearer, accept: MANIFEST_V2 } });
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, 200, `reading ${e.tag} for the index`);
      manifests.push({ mediaType: MANIFEST_V2, digest: digestOf(body), size: body.length, platform: e.platform });
    }
    const res = await fetch(`http://${reg!.registry}/v2/${path}/manifests/${tag}`, { method: 'PUT', headers: { authorization: bearer, 'content-type': OCI_INDEX }, body: JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }) });
    assert.equal(res.status, 201, `PUT of the index: ${await res.text()}`);
  }

  /** The tags the registry holds, asked through a token of the test's own issuer. */
  async function remoteTags(): Promise<string[]> {
    const res = await fetch(`http://${reg!.registry}/v2/${path}/tags/list`, { headers: { authorization: `Bearer ${await token('pull')}` } });
    return (((await res.json()) as { tags?: string[] }).tags ?? []).sort();
  }
});

const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
