import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_IMAGE, uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';

// Issue 9, defect 16: Stowage in an untrusted folder (Restricted Mode), in a real VS Code
// (code-server) with workspace trust on, as it is out of the box. Reference checking works;
// an engine command says why it does nothing and makes no engine request; trusting the
// folder later brings the views to life without a reload; and the folder's own settings,
// which point the engine elsewhere, change nothing.

/** Nothing listens there: a view that followed the workspace setting would show an error. */
const HOSTILE_HOST = 'tcp://127.0.0.1:9';

describe('Restricted Mode: an untrusted folder, then trusting it', { timeout: 4 * 60_000 }, () => {
  const name = `stowage-e2e-${uniqueName('trust')}`;
  const s = useE2eSession({
    prefix: 'restricted',
    setup: async ({ engine, labels, removeAtEnd }) => {
      removeAtEnd({ containers: [name] });
      // A container for the Containers view to list once the folder is trusted.
      await engine.api.createContainer({ Image: BASE_IMAGE, name, Cmd: ['/bin/true'], Labels: labels });
    },
    codeServer: {
      workspaceTrust: true,
      files: {
        Dockerfile: 'FROM Ubuntu:22.04\n',
        '.vscode/settings.json': JSON.stringify({ 'stowage.dockerHost': HOSTILE_HOST, 'stowage.containerShell': '/bin/false' }, null, 2),
      },
    },
  });

  s.step('views', 'the Containers view says Restricted Mode instead of listing', async () => {
    const { wb } = s;
    await wb.focusSection('Containers');
    await wb.revealRow('Containers', 'Restricted Mode: no engine requests in an untrusted workspace');
    await wb.revealRow('Containers', 'Manage Workspace Trust…');
  });

  s.step('problems', 'reference checking works: the Problems panel shows the error for an uppercase repository', async () => {
    const { wb } = s;
    await wb.openFile('Dockerfile');
    await wb.waitForProblem(/^Error: 'Ubuntu:22\.04': .*uppercase/i, 60_000);
  });

  s.step('command', 'an engine command (Pull Image…) says why it is unavailable, asks nothing, and makes no engine request', async () => {
    const { server, wb } = s;
    await wb.clearNotifications();
    await wb.runCommand('Stowage: Pull Image…');
    const message = await wb.waitForNotification(/Pull Image” is unavailable in Restricted Mode/);
    assert.match(message, /no Docker engine, registry or credential-helper request while this workspace is not trusted/);
    assert.match(message, /reference checking still works/);
    assert.equal(await wb.quickInputTitle(), undefined, 'no input box asked for an image');
    const buttons = (await wb.notifications()).find((n) => n.message === message)?.buttons ?? [];
    assert.deepEqual(buttons, ['Manage Workspace Trust']);
    await wb.moveMouseAway();
    await wb.screenshot(join(s.shots, 'restricted-mode.png'));
    const log = stowageLog(server.userDataDir);
    assert.match(log, /stowage\.pullImage: refused in Restricted Mode/);
    // Each engine request is logged as "<METHOD> <path> → …", after "Using the Docker engine at …".
    assert.doesNotMatch(log, /Using the Docker engine|(GET|POST|DELETE|HEAD) \/\S* →/, 'no engine request while untrusted');
  });

  s.step('trust', 'trusting the folder brings the views to life without a reload, on the machine\'s engine, not the folder\'s setting', async () => {
    const { server, wb } = s;
    await wb.clearNotifications();
    await wb.runCommand('Workspaces: Manage Workspace Trust');
    const trust = wb.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust( Folder)?$/ });
    await trust.first().click({ timeout: 30_000 });
    await wb.openViewContainer('Stowage');
    await wb.focusSection('Containers');
    await wb.revealRow('Containers', name, 60_000);
    const log = stowageLog(server.userDataDir);
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
