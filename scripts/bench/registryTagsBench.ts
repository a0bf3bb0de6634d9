import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/engine/Engine';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { login } from '../../src/engine/registry/login';
import { pushImage } from '../../src/engine/registry/pushImage';
import { RegistryClient } from '../../src/engine/registry/remote/RegistryClient';
import { checkNewer } from '../../src/engine/registry/remote/checkNewer';
import { listTags } from '../../src/engine/registry/remote/listTags';
import { mapLimited } from '../../src/model/mapLimited';
import { registryAccount, uniqueImage } from '../../test/integration/registry/registryTestKit';
import { median, table } from './benchStats';
import { startTokenRegistry } from '../../test/support/tokenRegistry';

/**
 * Remote tags: listing 2,000 tags of one repository (asked 100 per page) with
 * Stowage's client beside `skopeo list-tags` against the same registry, in one run,
 * alternating which goes first (target ≤ 1.1× skopeo); and checking 100 local tags
 * against the registry (one HEAD each) with the bound Stowage uses beside the same
 * checks one after another (target ≤ 0.2×). The 2,000 tags are one manifest PUT under
 * 2,000 names (setup, not measured); the manifest is deleted at the end, and every tag with it.
 */
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 7);
const TAGS = 2000;
const CHECKS = 100;
const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

const account = registryAccount();
const basic = `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`;

function http(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const [host, port] = account.registry.split(':');
  return new Promise((resolve, reject) => {
    const r = request({ host, port: Number(port), path, method, headers: { authorization: basic, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

function skopeoListTags(authfile: string, repository: string): Promise<{ ms: number; count: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // The credentials go in the auth file, never in argv.
    const child = spawn('skopeo', ['list-tags', '--tls-verify=false', '--authfile', authfile, `docker://${repository}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code !== 0) return reject(new Error(`skopeo list-tags failed (${code}): ${err.trim()}`));
      resolve({ ms, count: (JSON.parse(out) as { Tags: string[] }).Tags.length });
    });
  });
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/skopeo')) throw new Error('skopeo is missing: run scripts/setup-machine.sh (it installs Debian\'s skopeo)');
  const engine = new Engine(resolveEndpoint({ env: process.env }));
  const dir = mkdtempSync(join(tmpdir(), 's9reg-bench-'));
  const env = { ...process.env, DOCKER_CONFIG: dir, PATH: join(dir, 'no-helpers') };
  const options = { env };
  const path = `s9reg/bench-tags-${process.pid}`;
  const repository = `${account.registry}/${path}`;
  let digest = '';
  try {
    await login(engine, { server: account.registry, username: account.username, password: account.password }, options);
    await uniqueImage(engine, repository, 'seed', 0);
    await pushImage(engine, `${repository}:seed`, { credentials: options });
    const manifest = await http('GET', `/v2/${path}/manifests/seed`, { accept: MANIFEST_V2 });
    digest = String(manifest.headers['docker-content-digest']);
    const names = Array.from({ length: TAGS }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`);
    await mapLimited(names, 16, async (tag) => {
      const put = await http('PUT', `/v2/${path}/manifests/${tag}`, { 'content-type': MANIFEST_V2 }, manifest.body);
      if (put.status !== 201) throw new Error(`PUT ${tag} → ${put.status}`);
    });
    writeFileSync(join(dir, 'auth.json'), JSON.stringify({ auths: { [account.registry]: { auth: Buffer.from(`${account.username}:${account.password}`).toString('base64') } } }), { mode: 0o600 });

    // Listing: a fresh client each round (so its login and challenge are paid each time, as a new command pays them).
    const list: { stowage: number[]; skopeo: number[] } = { stowage: [], skopeo: [] };
    let requests = 0;
    const stowageList = async () => {
      const lines: string[] = [];
      const start = performance.now();
      const c = new RegistryClient(account.registry, { credentials: options, log: (l) => lines.push(l) });
      const tags = await listTags(c, path, 100);
      const ms = performance.now() - start;
      c.close();
      if (tags.length !== TAGS + 1) throw new Error(`listed ${tags.length} tags, not ${TAGS + 1}`);
      requests = lines.length;
      return ms;
    };
    for (let round = 0; round < ROUNDS; round++) {
      const runSkopeo = async () => {
        const r = await skopeoListTags(join(dir, 'auth.json'), repository);
        if (r.count !== TAGS + 1) throw new Error(`skopeo listed ${r.count}`);
        list.skopeo.push(r.ms);
      };
      if (round % 2) {
        await runSkopeo();
        list.stowage.push(await stowageList());
      } else {
        list.stowage.push(await stowageList());
        await runSkopeo();
      }
    }

    // Newer-on-the-registry checks: 100 local tags, the same image summary each.
    const checks = names.slice(0, CHECKS).map((tag) => ({ reference: `${repository}:${tag}`, image: { repoDigests: [`${repository}@${digest}`] } }));
    const head: { bounded: number[]; sequential: number[] } = { bounded: [], sequential: [] };
    let heads = 0;
    const run = async (concurrency: number) => {
      const lines: string[] = [];
      const start = performance.now();
      const results = await checkNewer(checks, { credentials: options, concurrency, log: (l) => lines.push(l) });
      const ms = performance.now() - start;
      if (results.some((r) => r.result.state !== 'same')) throw new Error(`a check failed: ${JSON.stringify(results.find((r) => r.result.state !== 'same'))}`);
      heads = lines.filter((l) => l.startsWith('HEAD') && l.endsWith('200')).length;
      if (lines.some((l) => l.startsWith('GET'))) throw new Error('a check read a body');
      return ms;
    };
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2) {
        head.sequential.push(await run(1));
        head.bounded.push(await run(8));
      } else {
        head.bounded.push(await run(8));
        head.sequential.push(await run(1));
      }
    }

    // The same checks against the token-auth registry: there a request costs a JWT check, not a bcrypt
    // comparison (htpasswd hashes every request's password), so the registry's CPU does not set the pace.
    const tokenHead = await tokenRegistryChecks(engine);

    const listRatio = median(list.stowage) / median(list.skopeo);
    const tokenRatio = median(tokenHead.bounded) / median(tokenHead.sequential);
    const headRatio = median(head.bounded) / median(head.sequential);
    console.log(
      table([
        { what: `list ${TAGS + 1} tags (n=100)`, stowage: `${median(list.stowage).toFixed(1)} ms (${requests} requests)`, reference: `skopeo list-tags ${median(list.skopeo).toFixed(1)} ms`, ratio: `${listRatio.toFixed(2)}×`, target: '≤ 1.1×', met: listRatio <= 1.1 ? 'yes' : 'no' },
        { what: `${CHECKS} HEAD checks, basic auth`, stowage: `bound 8: ${median(head.bounded).toFixed(1)} ms (${heads} HEADs)`, reference: `one after another ${median(head.sequential).toFixed(1)} ms`, ratio: `${headRatio.toFixed(2)}×`, target: '≤ 0.2×', met: headRatio <= 0.2 ? 'yes' : 'no' },
        { what: `${CHECKS} HEAD checks, token auth`, stowage: `bound 8: ${median(tokenHead.bounded).toFixed(1)} ms (${tokenHead.heads} HEADs)`, reference: `one after another ${median(tokenHead.sequential).toFixed(1)} ms`, ratio: `${tokenRatio.toFixed(2)}×`, target: '≤ 0.2×', met: tokenRatio <= 0.2 ? 'yes' : 'no' },
      ]),
    );
    console.log(`medians of ${ROUNDS} rounds; list rounds stowage ${list.stowage.map((m) => m.toFixed(1)).join(', ')} / skopeo ${list.skopeo.map((m) => m.toFixed(1)).join(', ')}`);
    console.log(`HEAD rounds bound 8 ${head.bounded.map((m) => m.toFixed(1)).join(', ')} / sequential ${head.sequential.map((m) => m.toFixed(1)).join(', ')}`);
  } finally {
    if (digest) await http('DELETE', `/v2/${path}/manifests/${digest}`, {}).catch(() => undefined);
    await engine.api.getImage(`${repository}:seed`).remove({ force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 100 checks against a token-auth registry of the test support's own, holding one manifest under 100 tags. */
async function tokenRegistryChecks(engine: Engine): Promise<{ bounded: number[]; sequential: number[]; heads: number }> {
  const reg = await startTokenRegistry();
  const dir = mkdtempSync(join(tmpdir(), 's9reg-bench-token-'));
  const options = { env: { ...process.env, DOCKER_CONFIG: dir, PATH: join(dir, 'no-helpers') } };
  const repository = `${reg.registry}/s9reg/bench-heads`;
  try {
    await login(engine, { server: reg.registry, username: reg.username, password: reg.password }, options);
    await uniqueImage(engine, repository, 't0', 0);
    for (let i = 1; i < CHECKS; i++) await engine.api.getImage(`${repository}:t0`).tag({ repo: repository, tag: `t${i}` });
    await pushImage(engine, { repository, allTags: true }, { credentials: options });
    const image = (await engine.api.getImage(`${repository}:t0`).inspect()) as { RepoDigests: string[] };
    const checks = Array.from({ length: CHECKS }, (_, i) => ({ reference: `${repository}:t${i}`, image: { repoDigests: image.RepoDigests } }));
    const out = { bounded: [] as number[], sequential: [] as number[], heads: 0 };
    const run = async (concurrency: number) => {
      const lines: string[] = [];
      const start = performance.now();
      const results = await checkNewer(checks, { credentials: options, concurrency, log: (l) => lines.push(l) });
      const ms = performance.now() - start;
      if (results.some((r) => r.result.state !== 'same')) throw new Error(`a check failed: ${JSON.stringify(results.find((r) => r.result.state !== 'same'))}`);
      out.heads = lines.filter((l) => l.startsWith('HEAD') && l.endsWith('200')).length;
      return ms;
    };
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2) {
        out.sequential.push(await run(1));
        out.bounded.push(await run(8));
      } else {
        out.bounded.push(await run(8));
        out.sequential.push(await run(1));
      }
    }
    return out;
  } finally {
    for (let i = 0; i < CHECKS; i++) await engine.api.getImage(`${repository}:t${i}`).remove({ force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await reg.stop();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
