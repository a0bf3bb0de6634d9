import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialHelperError } from '../../src/engine/credentials/CredentialHelperError';
import { getCredentials } from '../../src/engine/credentials/getCredentials';
import { listLogins } from '../../src/engine/credentials/listLogins';
import { runCredentialHelper } from '../../src/engine/credentials/runCredentialHelper';
import { login } from '../../src/engine/registry/login';
import { LoginNotStoredError } from '../../src/engine/registry/LoginNotStoredError';
import { GUIDE_EMAIL, passSetupGuide } from '../../src/model/passSetupGuide';
import { dockerCli, registryAccount, requireTools, run, tempDockerConfig } from '../integration/registry/registryTestKit';
import { testEngine } from '../support/testEngine';

/*
 * Defect 8: with docker-credential-pass installed and `pass` never initialised, the
 * docker CLI and Stowage both pick that helper for a first login, and it cannot
 * store anything. The error was a cut-off toast with no way forward.
 */

const account = registryAccount();
const secretB64 = Buffer.from(`${account.username}:${account.password}`).toString('base64');

/** A fresh docker config (no login yet) with the real helpers on PATH, and a pass store where `pass init` was never run. */
function uninitialisedPass() {
  requireTools('pass', 'docker-credential-pass', 'gpg');
  const cfg = tempDockerConfig(undefined, { helpers: true });
  const env = { ...cfg.env, GNUPGHOME: join(cfg.dir, 'gnupg'), PASSWORD_STORE_DIR: join(cfg.dir, 'password-store') };
  mkdirSync(env.GNUPGHOME, { mode: 0o700 });
  return { cfg, env, options: { env } };
}

test('the real docker-credential-pass on a store never initialised: its failure is classified as "not set up", without the secret', async () => {
  const { cfg, env } = uninitialisedPass();
  try {
    const secret = 'never-shown-pw';
    await assert.rejects(runCredentialHelper('pass', 'store', JSON.stringify({ ServerURL: account.registry, Username: 'u', Secret: secret }), { env, secret }), (err: unknown) => {
      assert.ok(err instanceof CredentialHelperError);
      assert.equal(err.reason, 'notSetUp');
      assert.equal(err.notFound, false);
      assert.match(err.message, /pass not initialized/);
      assert.ok(!err.message.includes(secret));
      return true;
    });
  } finally {
    cfg.remove();
  }
});

test('a first login there: a LoginNotStoredError that offers config.json; choosing it stores the login there, says it is unencrypted, and the docker CLI uses it', async () => {
  const engine = testEngine();
  const { cfg, env, options } = uninitialisedPass();
  try {
    const cli = await dockerCli(['login', '--username', account.username, '--password-stdin', account.registry], env, `${account.password}\n`);
    assert.notEqual(cli.code, 0, 'the docker CLI cannot store it either');

    await assert.rejects(login(engine, { server: account.registry, username: account.username, password: account.password }, options), (err: unknown) => {
      assert.ok(err instanceof LoginNotStoredError, String(err));
      assert.equal(err.name, 'EngineError', 'the command wrapper still shows it as a sentence');
      assert.equal(err.helper, 'pass');
      assert.equal(err.helperReason, 'notSetUp');
      assert.equal(err.fileAllowed, true, 'nobody named the helper: the file is a way out');
      assert.equal(err.registry, account.registry);
      assert.equal(err.configFile, cfg.file);
      assert.ok(!err.message.includes(account.password) && !err.message.includes(secretB64));
      return true;
    });
    assert.equal(existsSync(cfg.file), false, 'nothing written before the user chose');

    const result = await login(engine, { server: account.registry, username: account.username, password: account.password, storeInFile: true }, options);
    assert.deepEqual(result, { registry: account.registry, store: 'file', identityToken: false, unencrypted: true, configFile: cfg.file });
    const text = readFileSync(cfg.file, 'utf8');
    const config = JSON.parse(text) as { auths: Record<string, { auth?: string }>; credsStore?: string };
    assert.deepEqual(Object.keys(config), ['auths'], 'no credsStore recorded: the file is the store now');
    assert.ok(config.auths[account.registry]?.auth === secretB64, 'the login is in the file, as `docker login` files it without a helper');
    assert.equal(statSync(cfg.file).mode & 0o777, 0o600);
    assert.equal(existsSync(env.PASSWORD_STORE_DIR), false, 'the pass store was not touched');
    assert.deepEqual(await listLogins(options), [{ registry: account.registry, username: account.username, store: 'file' }]);
    const stored = await getCredentials(account.registry, options);
    assert.ok(stored?.password === account.password);

    // The docker CLI, same machine, same file: it now picks no default helper and logs in with the stored login, no password given.
    const again = await dockerCli(['login', account.registry], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /stored unencrypted/, 'the CLI warns the same way');
    assert.ok(JSON.parse(readFileSync(cfg.file, 'utf8')).auths[account.registry]?.auth === secretB64);
  } finally {
    cfg.remove();
  }
});

test('a helper named in config.json whose store is not set up: still a LoginNotStoredError, but the file is not offered (the CLI would not look there)', async () => {
  const engine = testEngine();
  const { cfg, options } = uninitialisedPass();
  try {
    const named = tempDockerConfig({ credsStore: 'pass' }, { helpers: true });
    const env = { ...options.env, DOCKER_CONFIG: named.dir };
    try {
      await assert.rejects(login(engine, { server: account.registry, username: account.username, password: account.password }, { env }), (err: unknown) => {
        assert.ok(err instanceof LoginNotStoredError, String(err));
        assert.equal(err.fileAllowed, false);
        return true;
      });
      await assert.rejects(
        login(engine, { server: account.registry, username: account.username, password: account.password, storeInFile: true }, { env }),
        (err: Error) => /names docker-credential-pass as the store/.test(err.message) && !err.message.includes(account.password),
      );
      assert.deepEqual(JSON.parse(readFileSync(named.file, 'utf8')), { credsStore: 'pass' }, 'nothing written');
    } finally {
      named.remove();
    }
  } finally {
    cfg.remove();
  }
});

test('the other Linux default, docker-credential-secretservice with no D-Bus session: classified as unavailable, and config.json is offered the same way', async () => {
  requireTools('docker-credential-secretservice');
  const engine = testEngine();
  const cfg = tempDockerConfig();
  try {
    // A PATH with that helper and without `pass`: the CLI's default is then secretservice.
    const bin = join(cfg.dir, 'bin');
    mkdirSync(bin);
    symlinkSync('/usr/bin/docker-credential-secretservice', join(bin, 'docker-credential-secretservice'));
    const env: NodeJS.ProcessEnv = { ...cfg.env, PATH: bin };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const cli = await dockerCli(['login', '--username', account.username, '--password-stdin', account.registry], env, `${account.password}\n`);
    assert.notEqual(cli.code, 0, 'the docker CLI cannot store it either');
    assert.match(cli.stderr, /D-Bus/);
    await assert.rejects(login(engine, { server: account.registry, username: account.username, password: account.password }, { env }), (err: unknown) => {
      assert.ok(err instanceof LoginNotStoredError, String(err));
      assert.equal(err.helper, 'secretservice');
      assert.equal(err.helperReason, 'unavailable');
      assert.equal(err.fileAllowed, true);
      return true;
    });
    assert.equal(existsSync(cfg.file), false);
    const result = await login(engine, { server: account.registry, username: account.username, password: account.password, storeInFile: true }, { env });
    assert.equal(result.unencrypted, true);
    assert.ok(JSON.parse(readFileSync(cfg.file, 'utf8')).auths[account.registry]?.auth === secretB64);
  } finally {
    cfg.remove();
  }
});

test('the setup guide is exact: its commands, run as written, make the next login go through docker-credential-pass', async () => {
  const engine = testEngine();
  const { cfg, env, options } = uninitialisedPass();
  const email = `stowage-guide-${process.pid}@example.invalid`;
  try {
    const guide = passSetupGuide(account.registry);
    const commands = guide
      .split('\n')
      .filter((line) => line.startsWith('        '))
      .map((line) => line.trim().split(GUIDE_EMAIL).join(email));
    assert.deepEqual(
      commands.map((c) => c.split(' ')[0]),
      ['gpg', 'pass', 'docker-credential-pass'],
    );
    for (const command of commands) {
      // gpg would ask for a passphrase on a terminal; the test has none, so it says so in gpg's own batch flags.
      const line = command.startsWith('gpg ') ? command.replace(/^gpg /, "gpg --batch --pinentry-mode loopback --passphrase '' ") : command;
      const out = await run('sh', ['-c', line], env);
      assert.equal(out.code, 0, `${command}: ${out.stderr}`);
      if (command.startsWith('docker-credential-pass list')) assert.equal(out.stdout.trim(), '{}', 'the guide says it prints {}');
    }
    const result = await login(engine, { server: account.registry, username: account.username, password: account.password }, options);
    assert.equal(result.store, 'pass');
    assert.equal(result.unencrypted, false);
    assert.ok(!readFileSync(cfg.file, 'utf8').includes(secretB64));
    assert.ok((await getCredentials(account.registry, options))?.password === account.password);
  } finally {
    spawnSync('gpgconf', ['--kill', 'all'], { env });
    cfg.remove();
  }
});
