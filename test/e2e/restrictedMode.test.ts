import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/Engine';
import { BASE_IMAGE, cleanup, ensureBaseImage, TEST_LABEL, testEngine, uniqueName } from '../support/testEngine';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { failureReporter } from './support/failureReporter';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { removeLeftoversOfDeadRuns } from './support/removeLeftoversOfDeadRuns';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import { waitFor } from './support/waitFor';
import { Workbench } from './support/Workbench';

// Issue 9, defect 16: Stowage in an untrusted folder (Restricted Mode), in a real VS Code
// (code-server) with workspace trust on, as it is out of the box. Reference checking works;
// an engine command says why it does nothing and makes no engine request; trusting the
// folder later brings the views to life without a reload; and the folder's own settings,
// which point the engine elsewhere, change nothing.

const OWNER_LABEL = 'stowage.e2e.owner';
const SHOTS = 'media/screenshots';
const FAILURES = 'test-results/e2e';
/** Nothing listens there: a view that followed the workspace setting would show an error. */
const HOSTILE_HOST = 'tcp://127.0.0.1:9';

describe('Restricted Mode: an untrusted folder, then trusting it', { timeout: 4 * 60_000 }, () => {
  const name = `stowage-e2e-${uniqueName('trust')}`;
  let engine: Engine | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let root = '';
  let shots = '';
  const check = failureReporter({ dir: () => join(root, FAILURES), prefix: 'restricted', workbench: () => wb, server: () => server });
  let broken: string | undefined;

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    shots = join(root, SHOTS);
    mkdirSync(shots, { recursive: true });
    const vsixBuilt = buildVsix(tools.root);
    vsixBuilt.catch(() => {});
    engine = testEngine();
    await removeLeftoversOfDeadRuns(engine, OWNER_LABEL);
    await ensureBaseImage(engine);
    // A container for the Containers view to list once the folder is trusted.
    await engine.api.createContainer({ Image: BASE_IMAGE, name, Cmd: ['/bin/true'], Labels: { [TEST_LABEL]: '1', [OWNER_LABEL]: String(process.pid) } });
    server = await startCodeServer(tools, {
      vsixes: [await vsixBuilt],
      workspaceTrust: true,
      files: {
        Dockerfile: 'FROM Ubuntu:22.04\n',
        '.vscode/settings.json': JSON.stringify({ 'stowage.dockerHost': HOSTILE_HOST, 'stowage.containerShell': '/bin/false' }, null, 2),
      },
    });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    const quietly = (work: () => unknown) => Promise.resolve().then(work).catch((err) => console.error(`cleanup: ${(err as Error).message}`));
    await quietly(() => browser?.close());
    await quietly(() => server?.stop());
    if (engine) await quietly(() => cleanup(engine!, { containers: [name] }));
  });

  function step(id: string, title: string, body: () => Promise<void>): void {
    it(title, async (t: TestContext) => {
      if (broken) return t.skip(`needs the step "${broken}", which failed`);
      try {
        await check(id, body);
      } catch (err) {
        broken = id;
        throw err;
      }
    });
  }

  step('views', 'the Containers view says Restricted Mode instead of listing', async () => {
    await wb.focusSection('Containers');
    await wb.revealRow('Containers', 'Restricted Mode: no engine requests in an untrusted workspace');
    await wb.revealRow('Containers', 'Manage Workspace Trust…');
  });

  step('problems', 'reference checking works: the Problems panel shows the error for an uppercase repository', async () => {
    await wb.openFile('Dockerfile');
    await wb.waitForProblem(/^Error: 'Ubuntu:22\.04': .*uppercase/i, 60_000);
  });

  step('command', 'an engine command (Pull Image…) says why it is unavailable, asks nothing, and makes no engine request', async () => {
    await wb.clearNotifications();
    await wb.runCommand('Stowage: Pull Image…');
    const message = await wb.waitForNotification(/Pull Image” is unavailable in Restricted Mode/);
    assert.match(message, /no Docker engine, registry or credential-helper request while this workspace is not trusted/);
    assert.match(message, /reference checking still works/);
    assert.equal(await wb.quickInputTitle(), undefined, 'no input box asked for an image');
    const buttons = (await wb.notifications()).find((n) => n.message === message)?.buttons ?? [];
    assert.deepEqual(buttons, ['Manage Workspace Trust']);
    await wb.moveMouseAway();
    await wb.screenshot(join(shots, 'restricted-mode.png'));
    const log = stowageLog(server!.userDataDir);
    assert.match(log, /stowage\.pullImage: refused in Restricted Mode/);
    // Each engine request is logged as "<METHOD> <path> → …", after "Using the Docker engine at …".
    assert.doesNotMatch(log, /Using the Docker engine|(GET|POST|DELETE|HEAD) \/\S* →/, 'no engine request while untrusted');
  });

  step('trust', 'trusting the folder brings the views to life without a reload, on the machine\'s engine, not the folder\'s setting', async () => {
    await wb.clearNotifications();
    await wb.runCommand('Workspaces: Manage Workspace Trust');
    const trust = wb.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust( Folder)?$/ });
    await trust.first().click({ timeout: 30_000 });
    await wb.openViewContainer('Stowage');
    await wb.focusSection('Containers');
    await wb.revealRow('Containers', name, 60_000);
    const log = stowageLog(server!.userDataDir);
    assert.match(log, /Using the Docker engine at unix:\/\/\/var\/run\/docker\.sock/);
    assert.ok(!log.includes(HOSTILE_HOST), 'the folder\'s stowage.dockerHost was never used');
  });
});

/** Stowage's own log in code-server's user data (each engine call, each refusal). */
function stowageLog(userDataDir: string): string {
  const logs = join(userDataDir, 'logs');
  const out: string[] = [];
  for (const session of existsSync(logs) ? readdirSync(logs) : []) {
    for (const host of readdirSync(join(logs, session)).filter((n) => n.startsWith('exthost'))) {
      const file = join(logs, session, host, 'stowage.stowage', 'Stowage.log');
      if (existsSync(file)) out.push(readFileSync(file, 'utf8'));
    }
  }
  return out.join('\n');
}
