import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { getCredentials } from '../../src/engine/credentials/getCredentials';
import { passStore, registryAccount, registryTags, type PassStore, type RegistryAccount } from '../integration/registry/registryTestKit';
import { BASE_IMAGE, uniqueName } from '../support/testEngine';
import { deleteRegistryTag } from './support/deleteRegistryTag';
import { useE2eSession } from './support/e2eSession';
import { execIn } from './support/execIn';
import { filesContaining } from './support/filesContaining';
import { readTar } from './support/readTar';
import type { TreeRow } from './support/TreeRow';
import { waitFor } from './support/waitFor';

// The life of an image as a person lives it in Stowage, in a real VS Code (code-server) in a
// real browser: commit a container, tag the image, log in, push, save to a tar, load it back.
// Each step is done through the UI only and checked against the engine's state (Engine API)
// and the registry's (its HTTP API), never against what the UI says about itself.

const CHANGE = 'CMD ["/bin/httpd","-f","-h","/data/html"]';
const AUTHOR = 'Stowage E2E <e2e@example.invalid>';

describe('Image operations in VS Code, through the UI, against the real engine and registry', { timeout: 5 * 60_000 }, () => {
  const unique = uniqueName('ops');
  const committed = `stowage-e2e-ops/${unique}`;
  /** The test registry's account (scripts/start-registry.sh), and the image's name there: read in `before`. */
  let account: RegistryAccount;
  let pushed = '';
  const containerName = `stowage-e2e-ops-${unique}`;
  const message = `Committed by the e2e test ${unique}`;
  const indexHtml = `<h1>${unique}</h1>\n`;
  let pass: PassStore | undefined;
  let credentialEnv: NodeJS.ProcessEnv = {};
  let dockerConfig = '';
  let imageId = '';
  let tarPath = '';
  let userDockerConfig: string | null = null;

  const s = useE2eSession({
    prefix: 'ops',
    leftoverNames: /^(?:stowage-e2e-ops|127\.0\.0\.1:\d+)\/ops-(\d+)-/,
    setup: async ({ engine, labels, removeAtEnd, atEnd, addEnv }) => {
      account = registryAccount();
      pushed = `${account.registry}/${unique}`;
      userDockerConfig = readIfExists(join(homedir(), '.docker', 'config.json'));
      removeAtEnd({ containers: [containerName], images: [`${committed}:v1`, `${pushed}:v1`] });
      atEnd(() => imageId && engine.api.getImage(imageId).remove({ force: true }).catch(ignoreMissing));
      atEnd(() => deleteRegistryTag(account, unique, 'v1'));

      // A running container with a file of its own in its writable layer: what Commit captures.
      const container = await engine.api.createContainer({
        Image: BASE_IMAGE,
        name: containerName,
        Cmd: ['/bin/sleep', '3600'],
        Labels: labels,
      });
      await container.start();
      await execIn(container, `mkdir -p /data/html && printf '%s' '${indexHtml}' > /data/html/index.html`);

      // Credentials go to a docker config folder and a pass store of this test's own, never the
      // user's: code-server (and so the extension host and the helpers it runs) gets them in its env.
      // With `pass` installed and no login yet, Stowage picks docker-credential-pass, as the CLI would.
      dockerConfig = mkdtempSync(join(tmpdir(), 'stowage-e2e-docker-config-'));
      pass = await passStore({ ...process.env });
      atEnd(() => pass?.remove());
      atEnd(() => rmSync(dockerConfig, { recursive: true, force: true }));
      const env = { DOCKER_CONFIG: dockerConfig, GNUPGHOME: pass.env.GNUPGHOME!, PASSWORD_STORE_DIR: pass.env.PASSWORD_STORE_DIR! };
      credentialEnv = { ...process.env, ...env };
      addEnv(env);
    },
  });

  s.step('commit', 'Commit… from the container\'s menu, through its six-step dialog, makes the image with that author, message and CMD', async () => {
    const { engine, wb } = s;
    await wb.focusSection('Containers');
    await wb.revealRow('Containers', containerName);
    const items = await wb.openContextMenu('Containers', containerName);
    assert.ok(items.includes('Commit…'), `the container's menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Commit…');

    const commit = escapeRegExp(`Commit ${containerName}`);
    // Step 1 lists the writable layer's changes: the file the test created must be there.
    await wb.waitForQuickInput(new RegExp(`^${commit} \\(1/6\\)`));
    await waitFor('the commit dialog to list /data/html/index.html', async () => (await wb.quickPickItems()).includes('/data/html/index.html'), {
      timeoutMs: 10_000,
      lastSeen: () => wb.describeQuickInput(),
    });
    await wb.moveMouseAway();
    await wb.screenshot(join(s.shots, 'commit-dialog.png'));
    await wb.pickQuickItem(new RegExp(`^${commit} \\(1/6\\)`), 'Continue');
    await wb.submitInput(new RegExp(`^${commit} \\(2/6\\)`), `${committed}:v1`);
    await wb.submitInput(new RegExp(`^${commit} \\(3/6\\)`), AUTHOR);
    await wb.submitInput(new RegExp(`^${commit} \\(4/6\\)`), message);
    await wb.submitInput(new RegExp(`^${commit} \\(5/6\\): Dockerfile change 1`), CHANGE);
    // An empty change ends the list.
    await wb.submitInput(new RegExp(`^${commit} \\(5/6\\): Dockerfile change 2`), '');
    await wb.pickQuickItem(new RegExp(`^${commit} \\(6/6\\)`), 'Pause while committing');
    await wb.waitForNotification(new RegExp(`^Committed ${escapeRegExp(containerName)} as ${escapeRegExp(committed)}:v1\\.`));

    const image = await engine.api.getImage(`${committed}:v1`).inspect();
    imageId = image.Id;
    assert.equal(image.Author, AUTHOR);
    assert.equal(image.Comment, message);
    assert.deepEqual(image.Config.Cmd, ['/bin/httpd', '-f', '-h', '/data/html']);
    // The container ran on after a paused commit, and was not left paused.
    const state = (await engine.api.getContainer(containerName).inspect()).State;
    assert.equal(state.Running, true, 'the container still runs after the commit');
    assert.equal(state.Paused, false, 'the container is not left paused');
  });

  s.step('tag', 'Tag Image… from the tag\'s menu gives the same image its registry name', async () => {
    const { engine, wb } = s;
    await wb.focusSection('Images');
    await wb.expandRow('Images', committed);
    const row = await wb.revealRow('Images', tagRow(`${committed}:v1`));
    assert.ok(row.description.startsWith(shortId(imageId)), `the tag row: ${row.description}`);
    const items = await wb.openContextMenu('Images', tagRow(`${committed}:v1`));
    assert.ok(items.includes('Tag Image…'), `the tag's menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Tag Image…');
    await wb.submitInput(`Add tags to ${committed}:v1`, `${pushed}:v1`);
    await wb.waitForNotification(new RegExp(`^Tagged image ${shortId(imageId)} as ${escapeRegExp(pushed)}:v1\\.$`));

    const [a, b] = await Promise.all([engine.api.getImage(`${committed}:v1`).inspect(), engine.api.getImage(`${pushed}:v1`).inspect()]);
    assert.equal(b.Id, a.Id, 'both names are on one image');
    assert.equal(a.Id, imageId);
    assert.deepEqual([...(a.RepoTags ?? [])].sort(), [`${committed}:v1`, `${pushed}:v1`].sort());
    // The view shows the new name too, on the same image.
    const shown = await wb.revealRow('Images', tagRow(`${pushed}:v1`));
    assert.ok(shown.description.startsWith(shortId(imageId)), `the new tag row: ${shown.description}`);
  });

  s.step('login', 'Log In to Registry… from the palette stores the login where the docker CLI would, and the Registries view lists it', async () => {
    const { wb } = s;
    await wb.runCommand('Stowage: Log In to Registry…');
    await wb.submitInput(/\(1\/3\)$/, account.registry);
    await wb.submitInput(new RegExp(`^Log in to ${escapeRegExp(account.registry)} \\(2/3\\)$`), account.username);
    await wb.submitInput(new RegExp(`^Log in to ${escapeRegExp(account.registry)} \\(3/3\\)$`), account.password);
    await wb.waitForNotification(new RegExp(`^Logged in to ${escapeRegExp(account.registry)} as ${escapeRegExp(account.username)}; credentials stored through docker-credential-pass\\.`));

    await wb.focusSection('Registries');
    const row = await wb.revealRow('Registries', account.registry);
    assert.equal(row.description, `${account.username} · helper: pass`);
    await wb.moveMouseAway();
    await wb.screenshot(join(s.shots, 'registries-view.png'));

    // config.json names the helper and the registry only; the helper hands back the very password.
    const config = JSON.parse(readFileSync(join(dockerConfig, 'config.json'), 'utf8')) as unknown;
    assert.deepEqual(config, { credsStore: 'pass', auths: { [account.registry]: {} } });
    const stored = await getCredentials(account.registry, { env: credentialEnv });
    assert.equal(stored?.username, account.username);
    assert.ok(stored?.password === account.password, 'the pass store holds the password that was typed');
    assertSecretNowhere();
  });

  s.step('push', 'Push… from the registry tag\'s menu, to its own registry, puts the tag in the registry', async () => {
    const { wb } = s;
    await wb.focusSection('Images');
    await wb.expandRow('Images', pushed);
    const items = await wb.openContextMenu('Images', tagRow(`${pushed}:v1`));
    assert.ok(items.includes('Push…'), `the tag's menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Push…');
    // The first choice is the registry the name points to.
    await wb.waitForQuickInput(`Push ${pushed}:v1 to`);
    assert.equal((await wb.quickPickItems())[0], account.registry);
    await wb.pickQuickItem(`Push ${pushed}:v1 to`, account.registry);

    // The progress notification shows for as long as the push runs: photographed if caught.
    let photographed = false;
    await waitFor(`the push of ${pushed}:v1 to finish`, async () => {
      const toasts = await wb.notifications();
      const done = toasts.find((n) => n.message.startsWith(`Pushed ${pushed}:v1 to ${account.registry}.`));
      if (done) return true;
      const failed = toasts.find((n) => /push/i.test(n.message) && /could not|failed|denied|error/i.test(n.message));
      if (failed) throw new Error(`the push failed: ${failed.message}`);
      if (!photographed && toasts.some((n) => n.progress && n.message.startsWith(`Pushing ${pushed}:v1`))) {
        await wb.screenshot(join(s.shots, 'push-progress.png'));
        photographed = true;
      }
      return undefined;
    }, { timeoutMs: 60_000, intervalMs: 100, lastSeen: async () => JSON.stringify(await wb.notifications()) });
    console.log(`push progress ${photographed ? 'photographed' : 'not seen (the push was quicker than a look)'}`);

    assert.deepEqual(await registryTags(account, unique), ['v1']);
    // The push read the login through the helper; still nothing of the secret in any file or log.
    assertSecretNowhere();
  });

  s.step('save', 'Save to Tar… from the tag\'s menu writes an image archive to the path typed in the save dialog', async () => {
    const { server, wb } = s;
    await wb.clearNotifications();
    await wb.openContextMenu('Images', tagRow(`${pushed}:v1`));
    await wb.clickMenuItem('Save to Tar…');
    // code-server's save dialog is a quick input holding a path: the person types one.
    tarPath = join(server.workspace, `${unique}.tar`);
    await wb.submitInput(`Save ${pushed}:v1`, tarPath);
    await wb.waitForNotification(new RegExp(`^Saved ${escapeRegExp(pushed)}:v1 to ${escapeRegExp(tarPath)}\\.`), 60_000);

    assert.ok(existsSync(tarPath), `${tarPath} exists`);
    // Written to a temporary file and renamed when complete: nothing else is left beside it.
    assert.deepEqual(readdirSync(server.workspace), [basename(tarPath)]);
    const files = readTar(readFileSync(tarPath));
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? 'null') as { Config: string; RepoTags: string[]; Layers: string[] }[] | null;
    assert.ok(manifest, `manifest.json in the archive; entries: ${[...files.keys()].join(', ')}`);
    assert.equal(manifest.length, 1);
    assert.deepEqual(manifest[0].RepoTags, [`${pushed}:v1`]);
    assert.equal(`sha256:${basename(manifest[0].Config, '.json')}`, imageId, 'the archive holds the image (its config is named by the image ID)');
    // The commit's own layer (the last) holds the file created in the container.
    const top = files.get(manifest[0].Layers[manifest[0].Layers.length - 1]);
    assert.ok(top, 'the top layer is in the archive');
    assert.equal(readTar(top).get('data/html/index.html')?.toString('utf8'), indexHtml);
  });

  s.step('load', 'Load from Tar… from the Explorer\'s menu on the .tar brings the removed image back, with the same ID', async () => {
    const { engine, server, wb } = s;
    // Gone from the engine: every name removed (the last removal deletes the image).
    for (const name of [`${committed}:v1`, `${pushed}:v1`]) await engine.api.getImage(name).remove();
    await assert.rejects(engine.api.getImage(imageId).inspect(), (err: { statusCode?: number }) => err.statusCode === 404, 'the image is gone before loading');

    await wb.clearNotifications();
    await wb.openViewContainer('Explorer');
    const folder = basename(server.workspace);
    const items = await wb.openContextMenu(folder, basename(tarPath));
    assert.ok(items.includes('Load from Tar…'), `the .tar's menu: ${items.join(', ')}`);
    await wb.clickMenuItem('Load from Tar…');
    await wb.waitForNotification(new RegExp(`^Loaded from ${escapeRegExp(basename(tarPath))}: ${escapeRegExp(pushed)}:v1$`), 60_000);

    const loaded = await engine.api.getImage(`${pushed}:v1`).inspect();
    assert.equal(loaded.Id, imageId, 'the loaded image is the saved one');
    // And the Images view shows it again.
    await wb.openViewContainer('Stowage');
    await wb.focusSection('Images');
    await wb.expandRow('Images', pushed);
    const row = await wb.revealRow('Images', tagRow(`${pushed}:v1`));
    assert.ok(row.description.startsWith(shortId(imageId)), `the loaded tag row: ${row.description}`);
  });

  /**
   * The password is in no file (plain, or base64 as config.json's `auth` would hold it) under
   * the docker config folder, code-server's folders (settings, state, every log, Stowage's
   * own among them) or the pass store (which holds it encrypted), nor in code-server's output;
   * and the user's own ~/.docker/config.json is as it was.
   */
  function assertSecretNowhere(): void {
    const { server } = s;
    const { username, password } = account;
    const forms = [password, Buffer.from(`${username}:${password}`).toString('base64'), Buffer.from(password).toString('base64')];
    const home = join(server.userDataDir, '..');
    const stowageLogs = filesContaining([join(server.userDataDir, 'logs')], ['Using the Docker engine']);
    assert.ok(stowageLogs.some((f) => f.endsWith(join('stowage.stowage', 'Stowage.log'))), `Stowage's log was found to search: ${stowageLogs.join(', ')}`);
    const roots = [dockerConfig, home, join(pass!.env.PASSWORD_STORE_DIR!, '..')];
    assert.deepEqual(filesContaining(roots, forms), [], 'files holding the password');
    assert.ok(!forms.some((f) => server.diagnostics().includes(f)), 'code-server\'s output holds the password');
    assert.equal(readIfExists(join(homedir(), '.docker', 'config.json')), userDockerConfig, 'the user\'s ~/.docker/config.json is untouched');
  }
});

/** A tag row of the Images view, by its full reference (the row's label is the tag alone). */
function tagRow(reference: string): (row: TreeRow) => boolean {
  return (row) => row.ariaLabel.startsWith(`${reference}, `);
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function readIfExists(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function ignoreMissing(err: { statusCode?: number }): void {
  if (err.statusCode !== 404) throw err;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
