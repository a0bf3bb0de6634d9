import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { getCredentials } from '../../../src/engine/credentials/getCredentials';
import { listLogins } from '../../../src/engine/credentials/listLogins';
import { EngineError } from '../../../src/engine/EngineError';
import { login } from '../../../src/engine/registry/login';
import { logout } from '../../../src/engine/registry/logout';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import { testEngine } from '../../support/testEngine';
import { closedPort, registryAccount, tempDockerConfig } from './registryTestKit';

const account = registryAccount();

test('login: the registry accepts, the credentials land in config.json as the CLI files them (0600), logout removes them', async () => {
  const lines: string[] = [];
  const engine = testEngine((l) => lines.push(l));
  const cfg = tempDockerConfig({ psFormat: 'keep me' });
  try {
    const result = await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    assert.deepEqual(result, { registry: account.registry, store: 'file', identityToken: false, unencrypted: true, configFile: cfg.file });
    const file = JSON.parse(readFileSync(cfg.file, 'utf8'));
    assert.deepEqual(file, { psFormat: 'keep me', auths: { [account.registry]: { auth: Buffer.from(`${account.username}:${account.password}`).toString('base64') } } });
    assert.equal(statSync(cfg.file).mode & 0o777, 0o600);
    assert.deepEqual(await listLogins(cfg.options), [{ registry: account.registry, username: account.username, store: 'file' }]);
    assert.ok(lines.some((l) => l.startsWith('POST /auth')), 'the engine was asked');
    assert.ok(!lines.join('\n').includes(account.password), 'no log line carries the password');

    assert.equal(await logout(account.registry, cfg.options), true);
    assert.deepEqual(JSON.parse(readFileSync(cfg.file, 'utf8')), { psFormat: 'keep me', auths: {} });
    assert.equal(await getCredentials(account.registry, cfg.options), undefined);
  } finally {
    cfg.remove();
  }
});

test('login with a wrong password: a clear refusal, nothing stored, config.json unchanged byte for byte', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig({ auths: { 'other.example.com': { auth: Buffer.from('a:b').toString('base64') } }, detachKeys: 'ctrl-x' });
  const before = readFileSync(cfg.file);
  const mtime = statSync(cfg.file).mtimeMs;
  const wrong = `${account.password}-wrong`;
  try {
    await assert.rejects(login(engine, { server: account.registry, username: account.username, password: wrong }, cfg.options), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.kind, 'unauthorized');
      assert.equal(err.reason, 'unauthorized');
      assert.equal(err.message, `Registry ${account.registry} refused the login for user ${account.username}: 401 Unauthorized. Check the user name and password.`);
      assert.ok(!err.message.includes(wrong) && !(err.engineMessage ?? '').includes(wrong));
      return true;
    });
    assert.ok(readFileSync(cfg.file).equals(before), 'config.json is byte for byte as it was');
    assert.equal(statSync(cfg.file).mtimeMs, mtime, 'not even rewritten');
  } finally {
    cfg.remove();
  }
});

test('login with the registry down (a closed port): no registry answers there; no config.json is created', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const down = `127.0.0.1:${await closedPort()}`;
  try {
    await assert.rejects(login(engine, { server: down, username: account.username, password: account.password }, cfg.options), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'unreachable');
      assert.ok(err.message.startsWith(`No registry answers at ${down} (connection refused)`), err.message);
      assert.ok(!err.message.includes(account.password));
      return true;
    });
    assert.equal(existsSync(cfg.file), false);
  } finally {
    cfg.remove();
  }
});

test('login checks its input before asking anyone', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  try {
    const count = engine.requestCount;
    await assert.rejects(login(engine, { server: account.registry, username: '', password: 'x' }, cfg.options), (err: unknown) => err instanceof EngineError && err.kind === 'badRequest');
    await assert.rejects(login(engine, { server: account.registry, username: 'u', password: '' }, cfg.options), /a password \(or access token\) is needed/);
    assert.equal(engine.requestCount, count);
  } finally {
    cfg.remove();
  }
});
