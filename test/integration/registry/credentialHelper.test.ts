import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCredentials } from '../../../src/engine/credentials/getCredentials';
import { listLogins } from '../../../src/engine/credentials/listLogins';
import type { CredentialOptions } from '../../../src/engine/credentials/types';
import { login } from '../../../src/engine/registry/login';
import { logout } from '../../../src/engine/registry/logout';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { dockerCli, passStore, registryAccount, registryTags, requireTools, run, tempDockerConfig, uniqueImage } from './registryTestKit';

const account = registryAccount();

test('with credsStore "pass": Stowage logs in through docker-credential-pass, the CLI and Stowage push with it, logout erases it', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig({ credsStore: 'pass' }, { helpers: true });
  const pass = await passStore(cfg.env);
  const env = pass.env;
  const options: CredentialOptions = { env };
  const path = `stowage-test/${uniqueName('helper')}`;
  const repository = `${account.registry}/${path}`;
  try {
    await uniqueImage(engine, repository, 'cli');
    await engine.api.getImage(`${repository}:cli`).tag({ repo: repository, tag: 'stowage' });

    const result = await login(engine, { server: account.registry, username: account.username, password: account.password }, options);
    assert.equal(result.store, 'pass');
    const text = readFileSync(cfg.file, 'utf8');
    assert.deepEqual(JSON.parse(text), { credsStore: 'pass', auths: { [account.registry]: {} } }, 'config.json gains only an empty entry, as with docker login');
    assert.ok(!text.includes(account.password) && !text.includes(Buffer.from(`${account.username}:${account.password}`).toString('base64')));

    // The helper itself has it, as the CLI would have filed it.
    const listed = await run('docker-credential-pass', ['list'], env);
    assert.equal(listed.code, 0, listed.stdout + listed.stderr);
    assert.equal(JSON.parse(listed.stdout)[account.registry], account.username);
    assert.deepEqual(await getCredentials(account.registry, options), { serverAddress: account.registry, username: account.username, password: account.password });
    assert.deepEqual(await listLogins(options), [{ registry: account.registry, username: account.username, store: 'pass' }]);

    const cli = await dockerCli(['push', `${repository}:cli`], env);
    assert.equal(cli.code, 0, cli.stderr);
    const pushed = await pushImage(engine, `${repository}:stowage`, { credentials: options });
    assert.deepEqual(pushed.pushed.map((p) => p.tag), ['stowage']);
    assert.deepEqual(await registryTags(account, path), ['cli', 'stowage']);

    assert.equal(await logout(account.registry, options), true);
    const after = await run('docker-credential-pass', ['list'], env);
    assert.equal(after.code, 0, after.stdout + after.stderr);
    assert.equal(JSON.parse(after.stdout)[account.registry], undefined, 'the helper no longer holds it');
    // This helper's `get` answers a missing entry with an empty secret (exit 0), others with "credentials not found": either way, nothing.
    const gone = await run('docker-credential-pass', ['get'], env, account.registry);
    assert.ok(gone.code !== 0 ? /credentials not found/.test(gone.stdout) : JSON.parse(gone.stdout).Secret === '', gone.stdout);
    assert.deepEqual(JSON.parse(readFileSync(cfg.file, 'utf8')), { credsStore: 'pass', auths: {} });
    assert.deepEqual(await listLogins(options), []);
    await assert.rejects(pushImage(engine, `${repository}:stowage`, { credentials: options }), (err: unknown) => err instanceof RegistryError && err.reason === 'noCredentials');
  } finally {
    await cleanup(engine, { images: [`${repository}:cli`, `${repository}:stowage`] });
    pass.remove();
    cfg.remove();
  }
});

test('with credsStore "pass": a login made by `docker login` is found through the helper', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig({ credsStore: 'pass' }, { helpers: true });
  const pass = await passStore(cfg.env);
  const options: CredentialOptions = { env: pass.env };
  const path = `stowage-test/${uniqueName('helper-cli')}`;
  const ref = `${account.registry}/${path}:v1`;
  try {
    await uniqueImage(engine, `${account.registry}/${path}`, 'v1');
    const cli = await dockerCli(['login', '--username', account.username, '--password-stdin', account.registry], pass.env, `${account.password}\n`);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(await listLogins(options), [{ registry: account.registry, username: account.username, store: 'pass' }]);
    const pushed = await pushImage(engine, ref, { credentials: options });
    assert.deepEqual(pushed.pushed.map((p) => p.tag), ['v1']);
    assert.deepEqual(await registryTags(account, path), ['v1']);
  } finally {
    await cleanup(engine, { images: [ref] });
    pass.remove();
    cfg.remove();
  }
});

test('a helper error is a clear message without the secret', async () => {
  const cfg = tempDockerConfig({ credsStore: 'pass' }, { helpers: true });
  // A pass store that was never initialised: the helper cannot encrypt.
  const env = { ...cfg.env, GNUPGHOME: `${cfg.dir}/no-gnupg`, PASSWORD_STORE_DIR: `${cfg.dir}/no-store` };
  const engine = testEngine();
  try {
    await assert.rejects(login(engine, { server: account.registry, username: account.username, password: account.password }, { env }), (err: unknown) => {
      const message = (err as Error).message;
      assert.match(message, new RegExp(`^${account.registry.replace(/\./g, '\\.')} accepted the login, but it could not be stored: docker-credential-pass store failed`));
      assert.ok(!message.includes(account.password));
      return true;
    });
    assert.deepEqual(JSON.parse(readFileSync(cfg.file, 'utf8')), { credsStore: 'pass' }, 'nothing written when the helper fails');
  } finally {
    cfg.remove();
  }
});

test('a first login into a fresh config, with pass installed: both the CLI and Stowage pick pass and record it as credsStore', async () => {
  const engine = testEngine();
  const cli = tempDockerConfig(undefined, { helpers: true });
  const ours = tempDockerConfig(undefined, { helpers: true });
  const pass = await passStore(cli.env);
  try {
    const out = await dockerCli(['login', '--username', account.username, '--password-stdin', account.registry], pass.env, `${account.password}\n`);
    assert.equal(out.code, 0, out.stderr);
    const cliConfig = JSON.parse(readFileSync(cli.file, 'utf8'));
    assert.deepEqual(cliConfig, { auths: { [account.registry]: {} }, credsStore: 'pass' }, 'what the CLI does');

    const oursEnv = { ...pass.env, DOCKER_CONFIG: ours.dir };
    const result = await login(engine, { server: account.registry, username: account.username, password: account.password }, { env: oursEnv });
    assert.equal(result.store, 'pass');
    assert.deepEqual(JSON.parse(readFileSync(ours.file, 'utf8')), cliConfig);
    assert.deepEqual(await getCredentials(account.registry, { env: oursEnv }), { serverAddress: account.registry, username: account.username, password: account.password });
  } finally {
    pass.remove();
    cli.remove();
    ours.remove();
  }
});

test('a fresh config with pass installed but never initialised: the CLI cannot store the login, nor can Stowage, which says why; nothing is written', async () => {
  requireTools('pass', 'docker-credential-pass');
  const engine = testEngine();
  const cfg = tempDockerConfig(undefined, { helpers: true });
  const env = { ...cfg.env, GNUPGHOME: join(cfg.dir, 'no-gnupg'), PASSWORD_STORE_DIR: join(cfg.dir, 'no-store') };
  try {
    const cli = await dockerCli(['login', '--username', account.username, '--password-stdin', account.registry], env, `${account.password}\n`);
    assert.notEqual(cli.code, 0);
    assert.match(cli.stderr, /pass not initialized/);
    await assert.rejects(login(engine, { server: account.registry, username: account.username, password: account.password }, { env }), (err: unknown) => {
      const message = (err as Error).message;
      assert.match(message, /accepted the login, but it could not be stored: docker-credential-pass store failed: pass not initialized/);
      assert.match(message, /uses docker-credential-pass by default when `pass` is installed and config\.json holds no login; set it up with `pass init <gpg-key-id>`/);
      assert.ok(!message.includes(account.password));
      return true;
    });
    assert.equal(existsSync(cfg.file), false);
  } finally {
    cfg.remove();
  }
});
