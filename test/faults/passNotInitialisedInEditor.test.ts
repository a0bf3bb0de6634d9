import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registryAccount, type RegistryAccount } from '../integration/registry/registryTestKit';
import { buildVsix } from '../e2e/support/buildVsix';
import { e2eTools } from '../e2e/support/e2eTools';
import { failureReporter } from '../e2e/support/failureReporter';
import { filesContaining } from '../e2e/support/filesContaining';
import { launchBrowser, type Browser } from '../e2e/support/launchBrowser';
import { startCodeServer, type CodeServer } from '../e2e/support/startCodeServer';
import { waitFor } from '../e2e/support/waitFor';
import { Workbench } from '../e2e/support/Workbench';

/*
 * Defect 8 in the editor: a first login on a machine with docker-credential-pass
 * installed and `pass` never set up. In a real code-server and Chromium: the modal
 * appears with its three ways (config.json, the pass guide, Cancel); the guide opens
 * as a document; choosing config.json stores the login there and the result says
 * it is unencrypted. The password is nowhere but in config.json.
 */
describe('Login with pass installed but not set up, in VS Code', { timeout: 5 * 60_000 }, () => {
  let account: RegistryAccount;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let scratch = '';
  let dockerConfig = '';
  let root = '';
  const check = failureReporter({ dir: () => join(root, 'test-results/faults'), prefix: 'pass-modal', workbench: () => wb, server: () => server });

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    account = registryAccount();
    const vsix = buildVsix(tools.root);
    vsix.catch(() => {});
    scratch = mkdtempSync(join(tmpdir(), 'stowage-pass-modal-'));
    dockerConfig = join(scratch, 'docker');
    const gnupg = join(scratch, 'gnupg');
    mkdirSync(gnupg, { mode: 0o700 });
    // The real PATH (pass and docker-credential-pass on it), a fresh docker config, a pass store never initialised.
    const env = { DOCKER_CONFIG: dockerConfig, GNUPGHOME: gnupg, PASSWORD_STORE_DIR: join(scratch, 'password-store') };
    server = await startCodeServer(tools, { vsixes: [await vsix], env });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** Types the three answers of Log In to Registry…, as a person would. */
  async function typeLogin(): Promise<void> {
    await wb.runCommand('Stowage: Log In to Registry…');
    await wb.submitInput(/\(1\/3\)$/, account.registry);
    await wb.submitInput(/\(2\/3\)$/, account.username);
    await wb.submitInput(/\(3\/3\)$/, account.password);
  }

  async function dialog(): Promise<{ message: string; detail: string; buttons: string[] }> {
    const box = wb.page.locator('.monaco-dialog-box');
    return waitFor('the modal dialog', async () => {
      if ((await box.count()) === 0 || !(await box.first().isVisible())) return undefined;
      return {
        message: ((await box.locator('.dialog-message-text').first().textContent()) ?? '').trim(),
        detail: ((await box.locator('.dialog-message-detail').first().textContent().catch(() => '')) ?? '').trim(),
        buttons: (await box.locator('.dialog-buttons .monaco-button').allTextContents()).map((b) => b.trim()),
      };
    }, { timeoutMs: 60_000, intervalMs: 200 });
  }

  async function clickDialogButton(label: string): Promise<void> {
    await wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label }).first().click();
    await waitFor('the modal dialog to close', async () => (await wb.page.locator('.monaco-dialog-box').count()) === 0, { timeoutMs: 10_000, intervalMs: 100 });
  }

  it('the modal offers config.json, the pass guide and Cancel; the guide opens as a document; nothing is stored', async () => {
    await check('guide', async () => {
      await typeLogin();
      const shown = await dialog();
      assert.match(shown.message, new RegExp(`^${account.registry.replace(/\./g, '\\.')} accepted the login, but docker-credential-pass could not store it: pass is installed but not set up`));
      assert.match(shown.detail, /NOT encrypted/);
      // Enter (the default button) must never store a password unencrypted.
      assert.equal(await wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button.default, .monaco-dialog-box .dialog-buttons .monaco-button:focus').first().textContent(), 'How to Set Up pass…');
      // The dialog orders its buttons by platform: the set is what counts.
      assert.deepEqual([...shown.buttons].sort(), ['Cancel', 'How to Set Up pass…', 'Store in config.json (Unencrypted)']);
      await wb.screenshot(join(root, 'test-results/faults/pass-modal.png'));
      await clickDialogButton('How to Set Up pass…');
      await wb.waitForEditorText(/pass init you@example\.com/);
      assert.equal(existsSync(join(dockerConfig, 'config.json')), false, 'nothing stored');
    });
  });

  it('choosing config.json stores the login there, and the result says it is unencrypted', async () => {
    await check('file', async () => {
      await typeLogin();
      await dialog();
      await clickDialogButton('Store in config.json (Unencrypted)');
      const file = join(dockerConfig, 'config.json');
      await wb.waitForNotification(new RegExp(`^Logged in to ${account.registry.replace(/\./g, '\\.')} as ${account.username}; the password is stored unencrypted \\(base64\\) in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const config = JSON.parse(readFileSync(file, 'utf8')) as { auths: Record<string, { auth?: string }>; credsStore?: string };
      assert.equal(config.credsStore, undefined);
      assert.ok(config.auths[account.registry]?.auth === Buffer.from(`${account.username}:${account.password}`).toString('base64'), 'the login is in config.json');
      // Nowhere else: not in code-server's settings, state or logs (Stowage's own among them).
      const forms = [account.password, Buffer.from(`${account.username}:${account.password}`).toString('base64')];
      assert.deepEqual(filesContaining([join(server!.userDataDir, '..')], forms), [], 'files holding the password');
      assert.ok(!forms.some((f) => server!.diagnostics().includes(f)), "code-server's output holds the password");
    });
  });
});
