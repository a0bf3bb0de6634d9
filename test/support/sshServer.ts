import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real OpenSSH server (Debian's openssh-server) on 127.0.0.1, for ssh:// engines:
 * its own host key, a test client key in its authorized_keys, no passwords, and
 * `SetEnv` so the remote `docker system dial-stdio` lands on the engine the test
 * names. The client side never touches ~/.ssh: `clientConfig()` writes an ssh config
 * (identity, known_hosts) that Stowage is pointed at with STOWAGE_SSH_CONFIG.
 */
export interface SshServer {
  readonly port: number;
  readonly dir: string;
  /** The host's public key line (`ssh-ed25519 AAAA…`). */
  readonly hostKey: string;
  /** Writes a client config; by default the right key and known_hosts holding the host's key. */
  clientConfig(options?: { knownHosts?: string; identity?: string }): string;
  /** A fresh key pair the server does not accept: the private key's path. */
  strangerKey(): string;
  stop(): Promise<void>;
}

export async function startSshServer(options: { env: Record<string, string> }): Promise<SshServer> {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-sshd-'));
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'stowage-test', '-f', file], { stdio: 'ignore' });
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const port = await freePort();
  const setEnv = Object.entries(options.env).map(([k, v]) => `${k}=${v}`).join(' ');
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      setEnv ? `SetEnv ${setEnv}` : '',
    ].join('\n') + '\n',
  );
  // Privilege separation needs this folder; without systemd nobody else makes it.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString('utf8')));
  const until = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log}`);
    if (Date.now() > until) throw new Error(`sshd did not listen on 127.0.0.1:${port} within 20 s: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  let configs = 0;
  return {
    port,
    dir,
    hostKey,
    clientConfig: ({ knownHosts, identity } = {}) => {
      const n = configs++;
      const known = join(dir, `known_hosts.${n}`);
      writeFileSync(known, knownHosts ?? `[127.0.0.1]:${port} ${hostKey}\n`);
      const file = join(dir, `client_config.${n}`);
      writeFileSync(
        file,
        ['Host 127.0.0.1', `  IdentityFile ${identity ?? join(dir, 'client_key')}`, '  IdentitiesOnly yes', `  UserKnownHostsFile ${known}`, '  GlobalKnownHostsFile /dev/null', '  StrictHostKeyChecking yes', '  LogLevel ERROR'].join('\n') + '\n',
      );
      return file;
    },
    strangerKey: () => {
      const file = join(dir, `stranger_${configs++}`);
      keygen(file);
      return file;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}
