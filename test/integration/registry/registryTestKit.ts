import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Engine } from '../../../src/engine/Engine';
import type { CredentialOptions } from '../../../src/engine/credentials/types';
import { BASE_IMAGE, TEST_LABEL, ensureBaseImage, uniqueName } from '../../support/testEngine';

/** The test registry's account, written by scripts/start-registry.sh (never in argv, never logged). */
export interface RegistryAccount {
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

const ROOT = resolve(__dirname, '../../../..');

export function registryAccount(): RegistryAccount {
  const file = join(ROOT, '.run/registry.env');
  if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/start-registry.sh (or scripts/setup-machine.sh) first`);
  const vars = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const { STOWAGE_REGISTRY: registry, STOWAGE_REGISTRY_USER: username, STOWAGE_REGISTRY_PASSWORD: password } = vars;
  if (!registry || !username || !password) throw new Error(`${file} lacks STOWAGE_REGISTRY, STOWAGE_REGISTRY_USER or STOWAGE_REGISTRY_PASSWORD`);
  return { registry, username, password };
}

/**
 * A docker config folder of the test's own (never the user's ~/.docker), and the
 * env that points the CLI and Stowage at it. By default that env's PATH holds no
 * credential helper, as on a machine without one: the CLI (and Stowage, which
 * follows it) would otherwise pick the platform's default helper for a file with
 * no login yet. `helpers: true` keeps the real PATH.
 */
export interface TempDockerConfig {
  readonly dir: string;
  readonly file: string;
  readonly env: NodeJS.ProcessEnv;
  readonly options: CredentialOptions;
  readonly remove: () => void;
}

export function tempDockerConfig(content?: object, { helpers = false }: { helpers?: boolean } = {}): TempDockerConfig {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-docker-config-'));
  const file = join(dir, 'config.json');
  if (content) writeFileSync(file, JSON.stringify(content, null, '\t'), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dir };
  if (!helpers) env.PATH = join(dir, 'bin-without-helpers');
  return { dir, file, env, options: { env }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The tags the registry holds for a repository path (`team/app`), asked over HTTP with the test account. */
export function registryTags(account: RegistryAccount, path: string): Promise<string[]> {
  const [host, port] = account.registry.split(':');
  return new Promise((resolvePromise, reject) => {
    const req = request(
      { host, port: Number(port), path: `/v2/${path}/tags/list`, auth: `${account.username}:${account.password}`, method: 'GET' },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode === 404) return resolvePromise([]);
          if (res.statusCode !== 200) return reject(new Error(`GET /v2/${path}/tags/list → ${res.statusCode}`));
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { tags?: string[] | null };
          resolvePromise([...(body.tags ?? [])].sort());
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The docker CLI that matches the engine (/usr/bin/docker), the reference tool in tests: argv array, input on stdin. */
export function dockerCli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  if (!existsSync('/usr/bin/docker')) throw new Error('/usr/bin/docker is missing: run scripts/setup-machine.sh (docker.io)');
  return run('/usr/bin/docker', args, env, stdin);
}

export function run(program: string, args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/**
 * A small image of this test's own (distinct content, so a push really uploads a
 * layer), committed from the shared busybox base, labelled for cleanup. `mib`
 * random MiB make it large enough to cancel mid-push.
 */
export async function uniqueImage(engine: Engine, repository: string, tag: string, mib = 1): Promise<string> {
  await ensureBaseImage(engine);
  const docker = engine.api;
  const container = await docker.createContainer({
    Image: BASE_IMAGE,
    name: uniqueName('stowage-registry-img'),
    Cmd: ['/bin/sh', '-c', `dd if=/dev/urandom of=/payload bs=1M count=${mib} 2>/dev/null`],
    Labels: { [TEST_LABEL]: '1' },
  });
  try {
    await container.start();
    const exit = (await container.wait()) as { StatusCode: number };
    if (exit.StatusCode !== 0) throw new Error(`making ${repository}:${tag} failed (exit ${exit.StatusCode})`);
    const committed = (await container.commit({ repo: repository, tag, changes: [`LABEL ${TEST_LABEL}=1`] } as never)) as unknown as { Id: string };
    return committed.Id;
  } finally {
    await container.remove({ force: true }).catch(() => {});
  }
}

/** Fails with the install hint when a tool the test needs is missing, rather than skipping quietly. */
export function requireTools(...programs: string[]): void {
  const missing = programs.filter((p) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', p]).status !== 0);
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run scripts/setup-machine.sh (it installs gnupg, pass, golang-docker-credential-helpers)`);
}

/** A throwaway pass store: its own GNUPGHOME with a passphrase-less ed25519 key, and PASSWORD_STORE_DIR. */
export interface PassStore {
  readonly env: NodeJS.ProcessEnv;
  readonly remove: () => void;
}

export async function passStore(baseEnv: NodeJS.ProcessEnv): Promise<PassStore> {
  requireTools('gpg', 'gpgconf', 'pass', 'docker-credential-pass');
  // gpg-agent's socket path must be short: keep the folder name small, under /tmp.
  const root = mkdtempSync(join('/tmp', 'stw-pass-'));
  const env: NodeJS.ProcessEnv = { ...baseEnv, GNUPGHOME: join(root, 'g'), PASSWORD_STORE_DIR: join(root, 's') };
  const remove = () => {
    // The agent gpg started for this home, and only it.
    spawnSync('gpgconf', ['--kill', 'all'], { env });
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const email = `stowage-test-${process.pid}@example.invalid`;
    const mk = spawnSync('mkdir', ['-m', '700', env.GNUPGHOME!]);
    if (mk.status !== 0) throw new Error('could not make GNUPGHOME');
    const batch = ['%no-protection', 'Key-Type: eddsa', 'Key-Curve: ed25519', 'Subkey-Type: ecdh', 'Subkey-Curve: cv25519', 'Name-Real: Stowage Test', `Name-Email: ${email}`, 'Expire-Date: 0', '%commit', ''].join('\n');
    const gen = await run('gpg', ['--batch', '--gen-key'], env, batch);
    if (gen.code !== 0) throw new Error(`gpg --batch --gen-key failed: ${gen.stderr.trim()}`);
    const init = await run('pass', ['init', email], env);
    if (init.code !== 0) throw new Error(`pass init failed: ${init.stderr.trim()}`);
    return { env, remove };
  } catch (err) {
    remove();
    throw err;
  }
}

/** A local TCP port nothing listens on: bound by us, then released. */
export function closedPort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      server.close(() => resolvePromise(port));
    });
  });
}
