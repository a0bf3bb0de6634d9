import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { RegistryClient } from '../../../src/engine/registry/remote/RegistryClient';
import { listTags } from '../../../src/engine/registry/remote/listTags';
import { listRepositories } from '../../../src/engine/registry/remote/listRepositories';
import { headDigest } from '../../../src/engine/registry/remote/headDigest';
import { inspectTag } from '../../../src/engine/registry/remote/inspectTag';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import { testEngine } from '../../support/testEngine';
import { closedPort, tempDockerConfig } from '../registry/registryTestKit';
import { account, pushedRepository, type PushedRepository } from './remoteKit';

const engine = testEngine();
const TAGS = ['1.0', '1.2', '1.10', '2.0', 'latest'];
let repo: PushedRepository;

before(async () => {
  repo = await pushedRepository(engine, TAGS, 'tags');
});
after(async () => {
  await repo?.remove();
});

function client(log?: (line: string) => void): RegistryClient {
  return new RegistryClient(account.registry, { credentials: repo.cfg.options, log });
}

test('tags: Debian\'s registry (distribution 2.8) answers every tag in one page whatever n asks, and the client reads it in one request', async () => {
  for (const pageSize of [1, 2, 100]) {
    const lines: string[] = [];
    const c = client((l) => lines.push(l));
    try {
      const tags = await listTags(c, repo.path, pageSize);
      assert.deepEqual([...tags].sort(), [...TAGS].sort(), `page size ${pageSize}`);
      // The version check meets the challenge, so the listing itself is asked once, with the login.
      assert.deepEqual(lines, ['GET /v2/ → 401', `GET /v2/${repo.path}/tags/list?n=${pageSize} → 200`]);
    } finally {
      c.close();
    }
  }
});

test('the catalog is read across page boundaries through Link headers, one request per page, nothing twice or lost', async () => {
  const whole = client();
  let before: string[];
  try {
    before = await listRepositories(whole, 1000);
  } finally {
    whole.close();
  }
  assert.ok(before.includes(repo.path), `${repo.path} not among ${before.length}`);
  for (const pageSize of [1, 2, 3, 7, before.length, before.length + 1].filter((n) => n <= 1000)) {
    const lines: string[] = [];
    const c = client((l) => lines.push(l));
    try {
      const paged = await listRepositories(c, pageSize);
      assert.equal(new Set(paged).size, paged.length, `no repository twice at page size ${pageSize}`);
      // Other sessions may add repositories meanwhile; none goes away.
      for (const name of before) assert.ok(paged.includes(name), `${name} lost at page size ${pageSize}`);
      assert.deepEqual(paged, [...paged].sort(), 'in the registry\'s (lexical) order');
      const pages = lines.filter((l) => l.startsWith('GET /v2/_catalog') && l.endsWith('200')).length;
      // An exact multiple costs one empty page more.
      const expected = Math.ceil(paged.length / pageSize);
      assert.ok(pages >= expected && pages <= expected + 1, `page size ${pageSize}: ${pages} pages for ${paged.length}`);
    } finally {
      c.close();
    }
  }
});

test('HEAD gives the digest the push reported, and inspect reads platform, size and created time', async () => {
  const c = client();
  try {
    const local = await engine.api.getImage(`${repo.repository}:1.0`).inspect();
    const pushedDigest = local.RepoDigests.find((d) => d.startsWith(`${repo.repository}@`))!.split('@')[1];
    const head = await headDigest(c, repo.path, '1.0');
    assert.equal(head.digest, pushedDigest);
    assert.equal(head.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    const tag = await inspectTag(c, repo.path, '1.0');
    assert.equal(tag.digest, pushedDigest);
    assert.deepEqual(tag.platforms.map(({ os, architecture }) => ({ os, architecture })), [{ os: local.Os, architecture: local.Architecture }]);
    assert.equal(new Date(tag.created!).getTime(), new Date(local.Created).getTime());
    assert.ok(tag.size! > 0);
  } finally {
    c.close();
  }
});

test('no stored login: 401 says to log in first, and names no secret', async () => {
  const anonymous = tempDockerConfig();
  const c = new RegistryClient(account.registry, { credentials: anonymous.options });
  try {
    await assert.rejects(listTags(c, repo.path), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'noCredentials');
      assert.equal(err.message, `Could not list the tags of ${account.registry}/${repo.path}: ${account.registry} wants a login and none is stored for it (401 Unauthorized): log in to ${account.registry} first.`);
      return true;
    });
  } finally {
    c.close();
    anonymous.remove();
  }
});

test('a stored password the registry refuses: 401 says to log in again, and the password is nowhere in the error or the log', async () => {
  const wrong = 'not-the-password-' + Math.random().toString(36).slice(2);
  const stale = tempDockerConfig({ auths: { [account.registry]: { auth: Buffer.from(`${account.username}:${wrong}`).toString('base64') } } });
  const lines: string[] = [];
  const c = new RegistryClient(account.registry, { credentials: stale.options, log: (l) => lines.push(l) });
  try {
    await assert.rejects(listTags(c, repo.path), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'unauthorized');
      assert.match(err.message, /refused the stored login \(401 Unauthorized\): log in to 127\.0\.0\.1:5000 again\.$/);
      const everything = JSON.stringify({ message: err.message, stack: err.stack, lines });
      for (const secret of [wrong, Buffer.from(`${account.username}:${wrong}`).toString('base64')]) assert.ok(!everything.includes(secret));
      return true;
    });
  } finally {
    c.close();
    stale.remove();
  }
});

test('404: no such repository, and no such tag in a repository that exists', async () => {
  const c = client();
  try {
    await assert.rejects(listTags(c, 's9reg/never-pushed-here'), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'nameUnknown');
      assert.equal(err.message, `Could not list the tags of ${account.registry}/s9reg/never-pushed-here: ${account.registry} has no repository s9reg/never-pushed-here (404 Not Found).`);
      return true;
    });
    await assert.rejects(headDigest(c, repo.path, 'no-such-tag'), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'notFound');
      assert.equal(err.message, `Could not look up ${repo.repository}:no-such-tag: ${account.registry} has no tag no-such-tag in repository ${repo.path} (404 Not Found).`);
      return true;
    });
  } finally {
    c.close();
  }
});

test('unreachable: nothing listening at the address', async () => {
  const port = await closedPort();
  const c = new RegistryClient(`127.0.0.1:${port}`, { credentials: repo.cfg.options });
  try {
    await assert.rejects(listTags(c, 'app'), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'unreachable');
      assert.equal(err.message, `Could not list the tags of 127.0.0.1:${port}/app: nothing answers at http://127.0.0.1:${port} (connection refused).`);
      return true;
    });
  } finally {
    c.close();
  }
});

test('TLS: a registry whose certificate no CA we trust vouches for says so, with the certificate subject; its CA in certs.d makes it work', async (t) => {
  // A non-loopback address of this machine, so the client goes HTTPS as the engine would.
  const host = '172.17.0.1';
  const dir = mkdtempSync(join(tmpdir(), 's9reg-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=s9reg-test-registry/O=Stowage Tests', '-addext', `subjectAltName=IP:${host}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  // The registry's answer to /v2/: real TLS, the API's empty 200.
  const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    res.setHeader('docker-distribution-api-version', 'registry/2.0');
    res.setHeader('content-type', 'application/json');
    res.end(req.url?.startsWith('/v2/s9/tags/list') ? '{"name":"s9","tags":["a"]}' : '{}');
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  t.after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const domain = `${host}:${(server.address() as AddressInfo).port}`;
  const c = new RegistryClient(domain, { credentials: repo.cfg.options, certsDir: join(dir, 'certs.d') });
  try {
    await assert.rejects(listTags(c, 's9'), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.reason, 'tls');
      assert.match(err.message, new RegExp(`^Could not list the tags of ${domain}/s9: the TLS connection to https://${domain} failed \\(DEPTH_ZERO_SELF_SIGNED_CERT\\): its certificate is for "CN=s9reg-test-registry, O=Stowage Tests" \\(IP Address:${host}\\)\\. A registry with its own CA needs it in /etc/docker/certs\\.d/${domain}/ca\\.crt\\.$`));
      return true;
    });
  } finally {
    c.close();
  }
  execFileSync('mkdir', ['-p', join(dir, 'certs.d', domain)]);
  execFileSync('cp', [join(dir, 'cert.pem'), join(dir, 'certs.d', domain, 'ca.crt')]);
  const trusting = new RegistryClient(domain, { credentials: repo.cfg.options, certsDir: join(dir, 'certs.d') });
  try {
    assert.deepEqual(await listTags(trusting, 's9'), ['a']);
  } finally {
    trusting.close();
  }
});
