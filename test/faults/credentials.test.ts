import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { login } from '../../src/engine/registry/login';
import { logout } from '../../src/engine/registry/logout';
import { pullImage } from '../../src/engine/registry/pullImage';
import { pushImage } from '../../src/engine/registry/pushImage';
import { RegistryError } from '../../src/engine/registry/RegistryError';
import { registryAccount, registryTags, tempDockerConfig, uniqueImage } from '../integration/registry/registryTestKit';
import { cleanup, testEngine, uniqueName } from '../support/testEngine';

/**
 * Wrong passwords and where secrets go, against the real registry at 127.0.0.1:5000.
 * A wrong password at login is test/integration/registry/login.test.ts ("login with a
 * wrong password"); here the password goes stale after the login (changed at the
 * registry, or the file edited by hand), and a whole session is searched for secrets.
 */
const account = registryAccount();

/** Every form a secret could leak in: as is, and inside the base64 of `user:password` and of the engine's auth header. */
function forms(secret: string, username: string): string[] {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [secret, b64(`${username}:${secret}`), b64(secret), JSON.stringify(secret).slice(1, -1)];
}

test('a stored password that went stale: push and pull say the registry refused the stored login, the registry gets nothing, the file keeps the user\'s entry', async () => {
  const engine = testEngine();
  const stale = `${account.password}-changed-since`;
  const cfg = tempDockerConfig({ auths: { [account.registry]: { auth: Buffer.from(`${account.username}:${stale}`).toString('base64') } } });
  const path = `stowage-test/${uniqueName('stale')}`;
  const ref = `${account.registry}/${path}:v1`;
  const before = readFileSync(cfg.file);
  try {
    await uniqueImage(engine, `${account.registry}/${path}`, 'v1');
    for (const attempt of [() => pushImage(engine, ref, { credentials: cfg.options }), () => pullImage(engine, `${account.registry}/${path}:v2`, { credentials: cfg.options })]) {
      await assert.rejects(attempt(), (err: unknown) => {
        assert.ok(err instanceof RegistryError, String(err));
        assert.equal(err.kind, 'unauthorized', err.message);
        const registry = account.registry.replace(/\./g, '\\.');
        assert.match(err.message, new RegExp(`^Could not (push|pull) ${registry}/${path}:v[12]: ${registry} refused the login \\(unauthorized: authentication required\\): log in to ${registry} again\\.$`));
        for (const f of forms(stale, account.username)) assert.ok(!err.message.includes(f) && !(err.engineMessage ?? '').includes(f), err.message);
        return true;
      });
    }
    assert.deepEqual(await registryTags(account, path), [], 'the registry got nothing');
    assert.ok(readFileSync(cfg.file).equals(before), 'config.json is as it was: the user decides what to do with the login');
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});

test('a session of login (wrong, then right), push, pull, logout: no log line and no message carries a password, in any encoding', async () => {
  const lines: string[] = [];
  const engine = testEngine((l) => lines.push(l));
  const cfg = tempDockerConfig();
  const wrong = `${account.password}-wrong`;
  const path = `stowage-test/${uniqueName('secrets')}`;
  const ref = `${account.registry}/${path}:v1`;
  const messages: string[] = [];
  try {
    await uniqueImage(engine, `${account.registry}/${path}`, 'v1');
    await login(engine, { server: account.registry, username: account.username, password: wrong }, cfg.options).catch((e: Error) => messages.push(e.message));
    assert.equal(messages.length, 1, 'the wrong password was refused');
    await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    const pushed = await pushImage(engine, ref, { credentials: cfg.options, onProgress: (u) => messages.push(JSON.stringify(u)) });
    messages.push(JSON.stringify(pushed));
    await cleanup(engine, { images: [ref] });
    const pulled = await pullImage(engine, ref, { credentials: cfg.options, onProgress: (u) => messages.push(JSON.stringify(u)) });
    messages.push(JSON.stringify(pulled));
    await pullImage(engine, `${account.registry}/${path}:absent`, { credentials: cfg.options }).catch((e: Error) => messages.push(e.message));
    assert.equal(await logout(account.registry, cfg.options), true);
    await pushImage(engine, ref, { credentials: cfg.options }).catch((e: Error) => messages.push(e.message));

    assert.ok(lines.some((l) => l.startsWith('POST /auth')) && lines.some((l) => l.startsWith('POST /images/')), `the engine was asked: ${lines.join(' | ')}`);
    const seen = [...lines, ...messages].join('\n');
    for (const secret of [account.password, wrong]) {
      for (const f of forms(secret, account.username)) assert.ok(!seen.includes(f), `a form of a password appears in: ${seen.slice(0, 2000)}`);
    }
    const file = readFileSync(cfg.file, 'utf8');
    for (const secret of [account.password, wrong]) for (const f of forms(secret, account.username)) assert.ok(!file.includes(f), 'after logout config.json holds no password');
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});
