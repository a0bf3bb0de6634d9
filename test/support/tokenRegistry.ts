import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '../integration/registry/registryTestKit';

/**
 * A second real registry (Debian's docker-registry) configured `auth: token`, behind a
 * small token issuer of the test's own: it checks Basic credentials, grants what the
 * policy says, and signs RS256 JWTs with a certificate the registry trusts (x5c header).
 * Started per test file, on free ports, under a temp folder; `stop()` kills both and
 * removes the folder.
 */
export interface TokenRegistry {
  /** host:port of the registry */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
  /** Token requests the issuer answered, with their scopes, in order. */
  readonly issued: Array<{ scopes: string[]; status: number }>;
  /** What the issuer does; tests change it between steps. */
  readonly policy: TokenPolicy;
  /** The registry process, for benchmarks that count its CPU time. */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface TokenPolicy {
  /** Seconds the issuer tells the client (`expires_in`). */
  expiresIn: number;
  /** The JWT's real `exp`, relative to now, in seconds (negative: already expired for the registry). */
  exp: number;
  /** Repository paths this account may not touch: granted nothing. */
  forbidden: Set<string>;
  /** Repository paths for which the issuer answers 429 with this Retry-After (seconds). */
  rateLimited: Map<string, number>;
  /** Whether `registry:catalog:*` is granted. */
  catalog: boolean;
}

const SERVICE = 's9reg-token-test';
const ISSUER = 's9reg-issuer';

export async function startTokenRegistry(): Promise<TokenRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 's9reg-token-'));
  const username = 'tokenuser';
  const password = randomBytes(12).toString('hex');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=s9reg token issuer', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');
  const certDer = Buffer.from(readFileSync(join(dir, 'cert.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const policy: TokenPolicy = { expiresIn: 300, exp: 300, forbidden: new Set(), rateLimited: new Map(), catalog: true };
  const issued: TokenRegistry['issued'] = [];
  let issuer: Server | undefined;
  let child: ChildProcess | undefined;
  const stop = async () => {
    child?.kill('SIGTERM');
    if (child && child.exitCode === null) await new Promise((r) => child!.once('exit', r));
    await new Promise((r) => (issuer ? issuer.close(r) : r(undefined)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    issuer = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://issuer');
      const scopes = url.searchParams.getAll('scope');
      const answer = (status: number, body: object, headers: Record<string, string> = {}) => {
        issued.push({ scopes, status });
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
      if (given !== `${username}:${password}`) return answer(401, { details: 'wrong user name or password' });
      for (const s of scopes) {
        const name = s.split(':')[1];
        const wait = policy.rateLimited.get(name);
        if (wait !== undefined) return answer(429, { details: 'too many requests' }, { 'retry-after': String(wait) });
      }
      const access = scopes.flatMap((s) => {
        const [type, name, actions] = s.split(':');
        if (type === 'registry') return policy.catalog ? [{ type, name, actions: ['*'] }] : [];
        if (type !== 'repository' || policy.forbidden.has(name)) return [];
        return [{ type, name, actions: (actions ?? '').split(',').filter((a) => ['pull', 'push', 'delete'].includes(a)) }];
      });
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'RS256', typ: 'JWT', x5c: [certDer.toString('base64')] };
      const claims = { iss: ISSUER, sub: username, aud: SERVICE, exp: now + policy.exp, nbf: now - 10, iat: now - 10, jti: randomBytes(8).toString('hex'), access };
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const unsigned = `${b64(header)}.${b64(claims)}`;
      const token = `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
      answer(200, { token, access_token: token, expires_in: policy.expiresIn, issued_at: new Date().toISOString() });
    });
    await new Promise<void>((r) => issuer!.listen(0, '127.0.0.1', r));
    const realm = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}/token`;
    const port = await closedPort();
    const registry = `127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'config.yml'),
      [
        'version: 0.1',
        'log: {level: error}',
        `storage: {filesystem: {rootdirectory: ${join(dir, 'data')}}, delete: {enabled: true}}`,
        `http: {addr: ${registry}}`,
        `auth: {token: {realm: "${realm}", service: ${SERVICE}, issuer: ${ISSUER}, rootcertbundle: ${join(dir, 'cert.pem')}}}`,
        '',
      ].join('\n'),
    );
    child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    await waitForRegistry(registry, () => stderr);
    return { registry, username, password, issued, policy, pid: child.pid ?? 0, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Ready when /v2/ answers (401 with a Bearer challenge). */
async function waitForRegistry(registry: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const [host, port] = registry.split(':');
      const r = httpRequest({ host, port: Number(port), path: '/v2/', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', () => resolve(0));
      r.end();
    });
    if (status === 401) return;
    if (Date.now() > deadline) throw new Error(`the token registry did not answer at ${registry}: ${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** sha256 of a buffer as a digest. */
export function digestOf(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}
