import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient } from '../../../src/engine/registry/remote/RegistryClient';
import { listTags } from '../../../src/engine/registry/remote/listTags';
import { headDigest } from '../../../src/engine/registry/remote/headDigest';
import { inspectTag } from '../../../src/engine/registry/remote/inspectTag';
import { remoteRepository } from '../../../src/engine/registry/remote/RemoteRepository';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import { tempDockerConfig, type TempDockerConfig } from '../registry/registryTestKit';

// A registry that misbehaves on purpose, answering over real HTTP on loopback: what Debian's
// registry never does (403 by policy, 429 with RateLimit-Reset, 10,000 tags in 100 pages,
// garbage JSON, no answer at all), so each failure is met as a user would meet it.

let server: Server;
let address = '';
let cfg: TempDockerConfig;
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const seen: string[] = [];

before(async () => {
  cfg = tempDockerConfig();
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  cfg.remove();
});

function client(options: { timeoutMs?: number; deadlineMs?: number; now?: () => number } = {}): RegistryClient {
  return new RegistryClient(address, { credentials: cfg.options, timeoutMs: options.timeoutMs, deadlineMs: options.deadlineMs }, options.now);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function rejectsWith(work: Promise<unknown>, reason: RegistryError['reason'], message: string | RegExp): Promise<void> {
  await assert.rejects(work, (err: unknown) => {
    assert.ok(err instanceof RegistryError, String(err));
    assert.equal(err.reason, reason, err.message);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

test('10,000 tags in 100 pages of 100 through Link headers: all of them, in order, one request per page', async () => {
  const tags = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
  handler = (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const after = url.searchParams.get('last');
    const n = Number(url.searchParams.get('n'));
    const from = after ? tags.indexOf(after) + 1 : 0;
    const page = tags.slice(from, from + n);
    const more = from + n < tags.length;
    json(res, 200, { name: 'big/repo', tags: page }, more ? { link: `</v2/big/repo/tags/list?n=${n}&last=${page.at(-1)}>; rel="next"` } : {});
  };
  seen.length = 0;
  const c = client();
  try {
    assert.deepEqual(await listTags(c, 'big/repo', 100), tags);
    assert.equal(seen[0], 'GET /v2/', 'the version check first');
    assert.equal(seen.length, 101);
  } finally {
    c.close();
  }
});

test('403 from the registry itself: no access to that repository, in words', async () => {
  handler = (_req, res) => json(res, 403, { errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] });
  const c = client();
  try {
    await rejectsWith(listTags(c, 'team/secret'), 'denied', `Could not list the tags of ${address}/team/secret: ${address} refuses this account access to repository team/secret (403 Forbidden).`);
  } finally {
    c.close();
  }
});

test('429 from the registry itself, with RateLimit-Reset: rate-limited, with the time it accepts more', async () => {
  handler = (_req, res) => json(res, 429, { errors: [{ code: 'TOOMANYREQUESTS' }] }, { 'ratelimit-reset': '90' });
  const now = Date.parse('2026-12-01T02:00:00Z');
  const c = client({ now: () => now });
  try {
    await rejectsWith(headDigest(c, 'team/app', '1.0'), 'rateLimited', `Could not look up ${address}/team/app:1.0: ${address} is limiting requests (429 Too Many Requests); it accepts more from 2026-12-01T02:01:30.000Z.`);
  } finally {
    c.close();
  }
});

test('garbage where JSON belongs: the tag list, a manifest, and a tag list that is not a list, each said plainly', async () => {
  const c = client();
  try {
    handler = (_req, res) => json(res, 200, '{"tags": ["a", ');
    await rejectsWith(listTags(c, 'team/app'), 'other', `Could not list the tags of ${address}/team/app: ${address} answered /v2/team/app/tags/list with something that is not JSON.`);
    handler = (_req, res) => json(res, 200, { tags: 'latest' });
    await rejectsWith(listTags(c, 'team/app'), 'other', `Could not list the tags of ${address}/team/app: ${address}'s answer has no list of tags.`);
    handler = (_req, res) => json(res, 200, '\u0000\u00ff<html>', { 'docker-content-digest': `sha256:${'a'.repeat(64)}` });
    await rejectsWith(inspectTag(c, 'team/app', '1.0'), 'other', `Could not inspect ${address}/team/app:1.0: ${address} sent a manifest that is not JSON.`);
  } finally {
    c.close();
  }
});

test('an image index with entries that are not entries (null, a number, a platform that is null, no digest): the real ones listed, the rest left out, nothing thrown', async () => {
  const INDEX = 'application/vnd.oci.image.index.v1+json';
  const good = { digest: `sha256:${'b'.repeat(64)}`, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } };
  let manifests: unknown = [null, 7, { digest: `sha256:${'c'.repeat(64)}`, platform: null }, { platform: { os: 'linux', architecture: 'amd64' } }, good];
  handler = (_req, res) => json(res, 200, { schemaVersion: 2, mediaType: INDEX, manifests }, { 'content-type': INDEX, 'docker-content-digest': `sha256:${'a'.repeat(64)}` });
  const c = client();
  try {
    const tag = await inspectTag(c, 'team/app', 'multi', { platformSizes: false });
    assert.deepEqual(tag.platforms, [{ os: 'linux', architecture: 'arm64', variant: 'v8', digest: good.digest }]);
    manifests = { not: 'a list' };
    assert.deepEqual((await inspectTag(c, 'team/app', 'multi', { platformSizes: false })).platforms, []);
  } finally {
    c.close();
  }
});

test('a registry that accepts the connection and never answers: "no answer in time", not a hang', async () => {
  handler = () => {
    // Holds the request open: the client's timeout must end it.
  };
  const c = client({ timeoutMs: 500 });
  const start = Date.now();
  try {
    await rejectsWith(listTags(c, 'team/app'), 'unreachable', `Could not list the tags of ${address}/team/app: nothing answers at http://${address} (no answer in time).`);
    assert.ok(Date.now() - start < 10_000);
  } finally {
    c.close();
    server.closeAllConnections();
  }
});

test('a registry that drips its answer a byte at a time, never idle for long: cut at the deadline, not waited on forever', { timeout: 20_000 }, async () => {
  let timer: NodeJS.Timeout | undefined;
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"tags": [');
    timer = setInterval(() => res.write('"a",'), 100);
    res.on('close', () => clearInterval(timer));
  };
  const c = client({ timeoutMs: 500, deadlineMs: 2_000 });
  const start = Date.now();
  try {
    await rejectsWith(listTags(c, 'team/app'), 'unreachable', `Could not list the tags of ${address}/team/app: nothing answers at http://${address} (no whole answer within 2 s).`);
    assert.ok(Date.now() - start < 10_000);
  } finally {
    clearInterval(timer);
    c.close();
    server.closeAllConnections();
  }
});

test('an answer far larger than any manifest or list: refused once past the limit, not held in memory whole', { timeout: 20_000 }, async () => {
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1 << 20, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 200 && res.write(chunk)) sent++;
      if (sent < 200) res.once('drain', pump);
      else res.end();
    };
    pump();
  };
  const c = client();
  try {
    await rejectsWith(listTags(c, 'team/app'), 'other', `Could not list the tags of ${address}/team/app: ${address} sent more than 64 MiB for /v2/team/app/tags/list; no manifest or list is that large.`);
  } finally {
    c.close();
    server.closeAllConnections();
  }
});

test('odd repository names are refused where they are typed, before any request', () => {
  seen.length = 0;
  for (const name of [`${address}/Team/app`, `${address}/team//app`, `${address}/team/app:`, `${address}/tëam/app`, `${address}/team/app@sha256:12`, `${address}/../etc`]) {
    assert.throws(() => remoteRepository(name), (err: Error) => err.name === 'InputError' && err.message.startsWith(`Invalid repository "${name}"`), name);
  }
  assert.deepEqual(remoteRepository(`${address}/a.b_c/d--e/f__g-h`), { domain: address, path: 'a.b_c/d--e/f__g-h', name: `${address}/a.b_c/d--e/f__g-h`, tag: null, digest: null });
  assert.equal(seen.length, 0);
});
