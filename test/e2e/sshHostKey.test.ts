import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSshServer, type SshServer } from '../support/sshServer';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';

// Issue 13, SSH engines: first contact with a host whose key known_hosts does not hold is
// never accepted blindly. In the editor, the Engines view says the key is not known, and
// Check Host Key… asks as ssh does in a terminal, with the fingerprint (the real sshd's own
// key, as `ssh-keygen -l` prints it is the reference). Cancel writes nothing; Accept records
// the key and the engine answers over SSH. The remote docker reaches the machine's engine,
// only read here (its version).

describe('SSH host key: first contact asks with the fingerprint, in VS Code', { timeout: 10 * 60_000 }, () => {
  const contextName = 'e2e-ssh-first-contact';
  let sshd: SshServer | undefined;
  let knownHosts = '';
  let fingerprint = '';
  const isSsh = (r: TreeRow) => r.label === contextName;

  const s = useE2eSession({
    prefix: 'ssh-host-key',
    setup: async ({ atEnd, addContext, addEnv }) => {
      sshd = await startSshServer({ env: {} });
      atEnd(() => sshd?.stop());
      fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(sshd.dir, 'host_key.pub')], { encoding: 'utf8' }).split(' ')[1];
      const sshConfig = sshd.clientConfig({ knownHosts: '' });
      knownHosts = /UserKnownHostsFile (\S+)/.exec(readFileSync(sshConfig, 'utf8'))![1];
      await addContext({ name: contextName, description: 'the machine engine over a test sshd', host: `ssh://root@127.0.0.1:${sshd.port}` });
      addEnv({ STOWAGE_SSH_CONFIG: sshConfig });
    },
  });

  it('an unknown host is not answered, Check Host Key… shows its fingerprint; Cancel writes nothing, Accept records it and the engine answers', async () => {
    await s.check('host-key', async () => {
      const { wb } = s;
      await wb.setSectionExpanded('Engines', true);
      const refused = await wb.revealRow('Engines', (r) => isSsh(r) && /not answering/.test(r.description), 120_000);
      assert.match(refused.description, /host key is not known/);

      const items = await wb.openContextMenu('Engines', isSsh);
      assert.ok(items.includes('Check Host Key…'), `the menu: ${items.join(', ')}`);
      await wb.clickMenuItem('Check Host Key…');
      const asked = await wb.waitForDialog(new RegExp(`^The authenticity of host '\\[127\\.0\\.0\\.1\\]:${sshd!.port}' can't be established\\.$`), 60_000);
      assert.match(asked.detail, new RegExp(`^ED25519 key fingerprint is ${fingerprint.replace(/[+/]/g, '\\$&')}\\.`));
      assert.ok(asked.buttons.includes('Accept and Connect'), asked.buttons.join(', '));
      await wb.clickDialogButton('Cancel');
      assert.equal(readFileSync(knownHosts, 'utf8'), '', 'known_hosts written without acceptance');

      await wb.openContextMenu('Engines', isSsh);
      await wb.clickMenuItem('Check Host Key…');
      await wb.waitForDialog(/^The authenticity of host /, 60_000);
      await wb.clickDialogButton('Accept and Connect');
      const answering = await wb.revealRow('Engines', (r) => isSsh(r) && /20\.10/.test(r.description), 60_000);
      assert.doesNotMatch(answering.description, /not answering/);
      assert.equal(readFileSync(knownHosts, 'utf8'), `[127.0.0.1]:${sshd!.port} ${sshd!.hostKey}\n`);
    });
  });
});
