import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { listLogins } from '../../../src/engine/credentials/listLogins';
import { login } from '../../../src/engine/registry/login';
import { logout } from '../../../src/engine/registry/logout';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { dockerCli, registryAccount, registryTags, tempDockerConfig, uniqueImage } from './registryTestKit';

const account = registryAccount();

test('after a Stowage login, the docker CLI pushes with it; after a Stowage logout, it cannot', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const path = `stowage-test/${uniqueName('cli-uses-stowage')}`;
  const ref = `${account.registry}/${path}:v1`;
  try {
    await uniqueImage(engine, `${account.registry}/${path}`, 'v1');
    await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    const pushed = await dockerCli(['push', ref], cfg.env);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.match(pushed.stdout, /v1: digest: sha256:[0-9a-f]{64}/);
    assert.deepEqual(await registryTags(account, path), ['v1']);

    await logout(account.registry, cfg.options);
    const refused = await dockerCli(['push', ref], cfg.env);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /no basic auth credentials/);
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});

test('after `docker login --password-stdin`, Stowage sees the login and pushes with it; after `docker logout`, it does not', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const path = `stowage-test/${uniqueName('stowage-uses-cli')}`;
  const ref = `${account.registry}/${path}:v1`;
  try {
    await uniqueImage(engine, `${account.registry}/${path}`, 'v1');
    // The password goes on stdin only; the user name is not a secret.
    const loggedIn = await dockerCli(['login', '--username', account.username, '--password-stdin', account.registry], cfg.env, `${account.password}\n`);
    assert.equal(loggedIn.code, 0, loggedIn.stderr);
    assert.match(loggedIn.stdout, /Login Succeeded/);
    assert.deepEqual(await listLogins(cfg.options), [{ registry: account.registry, username: account.username, store: 'file' }]);

    const result = await pushImage(engine, ref, { credentials: cfg.options });
    assert.deepEqual(result.pushed.map((p) => p.tag), ['v1']);
    assert.deepEqual(await registryTags(account, path), ['v1']);

    const out = await dockerCli(['logout', account.registry], cfg.env);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(await listLogins(cfg.options), []);
    await assert.rejects(pushImage(engine, ref, { credentials: cfg.options }), (err: unknown) => err instanceof RegistryError && err.reason === 'noCredentials');
    assert.ok(!readFileSync(cfg.file, 'utf8').includes(Buffer.from(`${account.username}:${account.password}`).toString('base64')));
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});

test('a first login into a fresh config (no helper installed) writes what `docker login` writes', async () => {
  const engine = testEngine();
  const cli = tempDockerConfig();
  const ours = tempDockerConfig();
  try {
    const out = await dockerCli(['login', '--username', account.username, '--password-stdin', account.registry], cli.env, `${account.password}\n`);
    assert.equal(out.code, 0, out.stderr);
    await login(engine, { server: account.registry, username: account.username, password: account.password }, ours.options);
    assert.deepEqual(JSON.parse(readFileSync(ours.file, 'utf8')), JSON.parse(readFileSync(cli.file, 'utf8')));
    assert.equal(statSync(ours.file).mode & 0o777, statSync(cli.file).mode & 0o777);
  } finally {
    cli.remove();
    ours.remove();
  }
});
