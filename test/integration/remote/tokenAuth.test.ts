import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryClient } from '../../../src/engine/registry/remote/RegistryClient';
import { listTags } from '../../../src/engine/registry/remote/listTags';
import { listRepositories } from '../../../src/engine/registry/remote/listRepositories';
import { headDigest } from '../../../src/engine/registry/remote/headDigest';
import { deleteTag } from '../../../src/engine/registry/remote/deleteTag';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import { login } from '../../../src/engine/registry/login';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { startTokenRegistry, type TokenRegistry } from '../../support/tokenRegistry';
import { startDelayProxy } from '../../support/delayProxy';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDockerConfig, uniqueImage, type TempDockerConfig } from '../registry/registryTestKit';

const engine = testEngine();
let reg: TokenRegistry;
let cfg: TempDockerConfig;
const path = `s9reg/${uniqueName('token')}`;
let repository = '';

before(async () => {
  reg = await startTokenRegistry();
  cfg = tempDockerConfig();
  repository = `${reg.registry}/${path}`;
  // The engine's own token flow is the reference: it logs in and pushes through the same issuer.
  await login(engine, { server: reg.registry, username: reg.username, password: reg.password }, cfg.options);
  await uniqueImage(engine, repository, 'a', 0);
  await engine.api.getImage(`${repository}:a`).tag({ repo: repository, tag: 'b' });
  await pushImage(engine, { repository, allTags: true }, { credentials: cfg.options });
});
after(async () => {
  await cleanup(engine, { images: [`${repository}:a`, `${repository}:b`] });
  cfg?.remove();
  await reg?.stop();
});

function issuedSince(mark: number) {
  return reg.issued.slice(mark);
}

test('Bearer: the challenge leads to the realm with service and scope; the token is reused for that scope, a new scope gets a new one', async () => {
  const lines: string[] = [];
  const c = new RegistryClient(reg.registry, { credentials: cfg.options, log: (l) => lines.push(l) });
  try {
    const mark = reg.issued.length;
    assert.deepEqual((await listTags(c, path)).sort(), ['a', 'b']);
    assert.deepEqual(issuedSince(mark), [{ scopes: [`repository:${path}:pull`], status: 200 }]);
    await listTags(c, path);
    await headDigest(c, path, 'a');
    assert.equal(issuedSince(mark).length, 1, 'one token for every pull of this repository');
    assert.deepEqual(lines.filter((l) => l.endsWith('401')).length, 1, 'one challenge, the first time only');
    assert.deepEqual(await listRepositories(c), [path]);
    assert.deepEqual(issuedSince(mark).map((i) => i.scopes), [[`repository:${path}:pull`], ['registry:catalog:*']]);
    const everything = lines.join('\n');
    assert.ok(!everything.includes(reg.password) && !everything.includes(Buffer.from(`${reg.username}:${reg.password}`).toString('base64')));
  } finally {
    c.close();
  }
});

test('24 requests at once on a fresh client: the version check goes first to meet the challenge, then one token serves them all, and each is one HEAD', async () => {
  const lines: string[] = [];
  const c = new RegistryClient(reg.registry, { credentials: cfg.options, log: (l) => lines.push(l) });
  try {
    const mark = reg.issued.length;
    const digests = await Promise.all(Array.from({ length: 24 }, (_, i) => headDigest(c, path, i % 2 ? 'a' : 'b')));
    assert.equal(new Set(digests.map((d) => d.digest)).size, 1);
    assert.equal(lines.filter((l) => l.endsWith('401')).length, 1, 'one unauthenticated request, not one per request in flight');
    assert.equal(issuedSince(mark).length, 1, 'one token: a 401 to a request sent without it does not throw the fresh token away');
    assert.equal(lines.filter((l) => l.startsWith('HEAD') && l.endsWith('200')).length, 24);
    assert.equal(lines.filter((l) => l.startsWith('HEAD')).length, 24, 'no HEAD refused and sent again');
    assert.equal(lines[0], 'GET /v2/ → 401');
  } finally {
    c.close();
  }
});

test('token expiry: past expires_in the client asks the issuer again before sending', async () => {
  let now = Date.now();
  const c = new RegistryClient(reg.registry, { credentials: cfg.options }, () => now);
  try {
    const mark = reg.issued.length;
    await listTags(c, path);
    now += 299_000;
    await listTags(c, path);
    assert.equal(issuedSince(mark).length, 2, 'the token lives 300 s less a margin of 5 s');
    now += 1_000;
    await listTags(c, path);
    assert.equal(issuedSince(mark).length, 2, 'the second token is still live');
  } finally {
    c.close();
  }
});

test('re-challenge: a cached token the registry calls expired gets a 401, and the client fetches a new one and retries once', async () => {
  const lines: string[] = [];
  const c = new RegistryClient(reg.registry, { credentials: cfg.options, log: (l) => lines.push(l) });
  try {
    // The issuer now signs tokens the registry sees as expired, though it tells the client they live 300 s.
    reg.policy.exp = -3600;
    const mark = reg.issued.length;
    await assert.rejects(listTags(c, path), (err: unknown) => err instanceof RegistryError && err.reason === 'unauthorized');
    // The version check told the client to bring a token, so the first request carries one; refused, one new token and one retry.
    assert.equal(issuedSince(mark).length, 2, 'the token sent, one more after the refusal, then the failure: never a loop');
    assert.deepEqual(lines.filter((l) => l.includes('/tags/list')).map((l) => l.slice(-3)), ['401', '401']);
    reg.policy.exp = 300;
    lines.length = 0;
    assert.deepEqual((await listTags(c, path)).sort(), ['a', 'b']);
    assert.equal(issuedSince(mark).length, 3, 'the cached token was refused, so a new one');
    assert.deepEqual(lines.filter((l) => l.startsWith('GET /v2/')).map((l) => l.slice(-3)), ['401', '200'], 'sent with the cached token, refused, retried with the new one');
  } finally {
    reg.policy.exp = 300;
    c.close();
  }
});

test('a 401 to a request sent with an older token does not throw away the fresh token another request just fetched', async () => {
  // Answers 1 s late: the second request (sent 0.5 s after the first, with the token then held)
  // is refused only after the first one's refusal has already brought a fresh token.
  const proxy = await startDelayProxy(reg.registry, 1000);
  const dir = tempDockerConfig();
  writeFileSync(join(dir.dir, 'config.json'), JSON.stringify({ auths: { [proxy.address]: { auth: Buffer.from(`${reg.username}:${reg.password}`).toString('base64') } } }));
  const c = new RegistryClient(proxy.address, { credentials: dir.options });
  try {
    reg.policy.exp = -3600;
    await assert.rejects(headDigest(c, path, 'b'), (err: unknown) => err instanceof RegistryError && err.reason === 'unauthorized');
    reg.policy.exp = 300;
    const mark = reg.issued.length;
    const first = headDigest(c, path, 'b');
    const second = new Promise<Awaited<typeof first>>((resolve, reject) => setTimeout(() => headDigest(c, path, 'b').then(resolve, reject), 500));
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.digest, b.digest);
    assert.equal(issuedSince(mark).length, 1, 'one fresh token for both');
  } finally {
    reg.policy.exp = 300;
    c.close();
    dir.remove();
    await proxy.stop();
  }
});

test('403-like refusal: the issuer grants nothing for a repository, said as no access to it', async () => {
  reg.policy.forbidden.add(path);
  const c = new RegistryClient(reg.registry, { credentials: cfg.options });
  try {
    await assert.rejects(listTags(c, path), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'denied');
      assert.equal(err.message, `Could not list the tags of ${repository}: ${reg.registry} refuses this account access to repository ${path} (401 insufficient_scope).`);
      return true;
    });
  } finally {
    reg.policy.forbidden.delete(path);
    c.close();
  }
});

test('429 from the token issuer: rate-limited, with the reset time it gives', async () => {
  reg.policy.rateLimited.set(path, 120);
  const now = Date.parse('2026-12-01T01:00:00Z');
  const c = new RegistryClient(reg.registry, { credentials: cfg.options }, () => now);
  try {
    await assert.rejects(listTags(c, path), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'rateLimited');
      assert.equal(err.message, `Could not list the tags of ${repository}: ${reg.registry} is limiting requests (429 Too Many Requests); it accepts more from 2026-12-01T01:02:00.000Z.`);
      return true;
    });
  } finally {
    reg.policy.rateLimited.delete(path);
    c.close();
  }
});

test('catalog not offered to this account: catalogUnsupported, in words', async () => {
  reg.policy.catalog = false;
  const c = new RegistryClient(reg.registry, { credentials: cfg.options });
  try {
    await assert.rejects(listRepositories(c), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'catalogUnsupported');
      assert.equal(err.message, `${reg.registry} does not list its repositories (its catalog is not offered: 401); add a repository by name instead.`);
      return true;
    });
  } finally {
    reg.policy.catalog = true;
    c.close();
  }
});

test('no login stored: the issuer refuses, said as log in first', async () => {
  const anonymous = tempDockerConfig();
  const c = new RegistryClient(reg.registry, { credentials: anonymous.options });
  try {
    await assert.rejects(listTags(c, path), (err: unknown) => err instanceof RegistryError && err.reason === 'noCredentials' && /wants a login and none is stored for it/.test(err.message));
  } finally {
    c.close();
    anonymous.remove();
  }
});

test('delete through a token with the delete action: the manifest and both its tags go', async () => {
  const c = new RegistryClient(reg.registry, { credentials: cfg.options });
  try {
    const mark = reg.issued.length;
    const { digest } = await deleteTag(c, path, 'a');
    assert.match(digest, /^sha256:/);
    assert.ok(issuedSince(mark).some((i) => i.scopes.includes(`repository:${path}:delete`)));
    assert.deepEqual(await listTags(c, path), []);
  } finally {
    c.close();
  }
});
