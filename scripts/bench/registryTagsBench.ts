import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
import { startDelayProxy } from '../../test/support/delayProxy';
import { uniqueName } from '../../test/support/testEngine';

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
/** The round trip the far registry adds to every request (a registry in the same region): half each way. */
const DELAY_MS = 20;
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
  const path = `s9reg/${uniqueName('bench-tags')}`;
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

    // Newer-on-the-registry checks: 100 local tags, the same image summary each; then the same through a
    // relay (a process of its own) that holds each direction 10 ms, as a registry across a network is (one
    // round trip per request).
    const checksAt = (host: string) => names.slice(0, CHECKS).map((tag) => ({ reference: `${host}/${path}:${tag}`, image: { repoDigests: [`${host}/${path}@${digest}`] } }));
    const registryPid = registryProcess(account.registry);
    const head = await headRounds(checksAt(account.registry), options, registryPid);
    const proxy = await startDelayProxy(account.registry, DELAY_MS);
    let far: HeadRounds;
    try {
      // The relay is another host:port to the client: the same login, stored under that name.
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [account.registry]: { auth: Buffer.from(`${account.username}:${account.password}`).toString('base64') }, [proxy.address]: { auth: Buffer.from(`${account.username}:${account.password}`).toString('base64') } } }), { mode: 0o600 });
      far = await headRounds(checksAt(proxy.address), options, registryPid, () => proxy.connections());
    } finally {
      await proxy.stop();
    }

    // The same checks against the token-auth registry: there a request costs a JWT check, not a bcrypt
    // comparison (htpasswd hashes every request's password).
    const token = await tokenRegistryChecks(engine);
    const tokenHead = token.near;

    const listRatio = median(list.stowage) / median(list.skopeo);
    const row = (what: string, h: HeadRounds) => {
      const ratio = median(h.bounded) / median(h.sequential);
      const conns = h.connections ? `, ${h.connections.bounded} connections; ${h.connections.sequential} one at a time` : '';
      return { what, stowage: `bound 8: ${median(h.bounded).toFixed(1)} ms (${h.heads} HEADs, ${h.requests} requests${conns})`, reference: `one after another ${median(h.sequential).toFixed(1)} ms`, ratio: `${ratio.toFixed(2)}×`, target: '≤ 0.2×', met: ratio <= 0.2 ? 'yes' : 'no', 'CPU per check (registry + stowage)': `${h.registryCpuMs.toFixed(2)} + ${h.clientCpuMs.toFixed(2)} ms`, 'floor on 2 cores': `${h.floor.toFixed(2)}×` };
    };
    console.log(
      table([
        { what: `list ${TAGS + 1} tags (n=100)`, stowage: `${median(list.stowage).toFixed(1)} ms (${requests} requests)`, reference: `skopeo list-tags ${median(list.skopeo).toFixed(1)} ms`, ratio: `${listRatio.toFixed(2)}×`, target: '≤ 1.1×', met: listRatio <= 1.1 ? 'yes' : 'no', 'CPU per check (registry + stowage)': '', 'floor on 2 cores': '' },
        row(`${CHECKS} HEAD checks, basic auth, loopback`, head),
        row(`${CHECKS} HEAD checks, token auth, loopback`, tokenHead),
        row(`${CHECKS} HEAD checks, token auth, ${DELAY_MS} ms round trip away`, token.far),
        row(`${CHECKS} HEAD checks, basic auth, ${DELAY_MS} ms round trip away`, far),
      ]),
    );
    console.log(`medians of ${ROUNDS} rounds; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; list rounds stowage ${list.stowage.map((m) => m.toFixed(1)).join(', ')} / skopeo ${list.skopeo.map((m) => m.toFixed(1)).join(', ')}`);
    for (const [name, h] of [['basic', head], ['token', tokenHead], [`${DELAY_MS} ms away`, far], [`token, ${DELAY_MS} ms away`, token.far]] as const) {
      console.log(`HEAD rounds (${name}) bound 8 ${h.bounded.map((m) => m.toFixed(1)).join(', ')} / sequential ${h.sequential.map((m) => m.toFixed(1)).join(', ')}`);
    }
  } finally {
    if (digest) await http('DELETE', `/v2/${path}/manifests/${digest}`, {}).catch(() => undefined);
    await engine.api.getImage(`${repository}:seed`).remove({ force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * 100 checks against a token-auth registry of the test support's own, holding one manifest under 100 tags,
 * on loopback and through the relay (the issuer stays on loopback: one token per run, not per check).
 */
async function tokenRegistryChecks(engine: Engine): Promise<{ near: HeadRounds; far: HeadRounds }> {
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
    const checksAt = (host: string) => Array.from({ length: CHECKS }, (_, i) => ({ reference: `${host}/s9reg/bench-heads:t${i}`, image: { repoDigests: image.RepoDigests.map((d) => d.replace(reg.registry, host)) } }));
    const near = await headRounds(checksAt(reg.registry), options, reg.pid);
    const proxy = await startDelayProxy(reg.registry, DELAY_MS);
    try {
      const auth = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [reg.registry]: { auth }, [proxy.address]: { auth } } }), { mode: 0o600 });
      return { near, far: await headRounds(checksAt(proxy.address), options, reg.pid, () => proxy.connections()) };
    } finally {
      await proxy.stop();
    }
  } finally {
    for (let i = 0; i < CHECKS; i++) await engine.api.getImage(`${repository}:t${i}`).remove({ force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await reg.stop();
  }
}

interface HeadRounds {
  bounded: number[];
  sequential: number[];
  /** The most HEAD requests one run of the checks sent (each run has a fresh client), and its requests of every kind. */
  heads: number;
  requests: number;
  /** TCP connections a run opened, bounded and one at a time, where a relay counts them. */
  connections?: { bounded: number; sequential: number };
  /** CPU time per check, from the one-after-another runs: the registry process's, and this process's. */
  registryCpuMs: number;
  clientCpuMs: number;
  /**
   * The least the bounded run can take, as a fraction of the sequential one, if it had both cores to
   * itself: all the CPU the checks cost, spread over 2 cores, against the sequential wall time.
   */
  floor: number;
}

/** `checkNewer` over `checks` with the bound Stowage uses (8) and one at a time, alternating which goes first. */
async function headRounds(checks: Array<{ reference: string; image: { repoDigests: string[] } }>, options: { env: NodeJS.ProcessEnv }, registryPid: number, connections?: () => Promise<number>): Promise<HeadRounds> {
  const out: HeadRounds = { bounded: [], sequential: [], heads: 0, requests: 0, registryCpuMs: 0, clientCpuMs: 0, floor: 0 };
  const cpu: Array<{ registry: number; client: number; wall: number }> = [];
  const run = async (concurrency: number) => {
    const lines: string[] = [];
    const connections0 = await connections?.();
    const reg0 = processCpuMs(registryPid);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const results = await checkNewer(checks, { credentials: { env: options.env }, concurrency, log: (l) => lines.push(l) });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu0);
    if (concurrency === 1) cpu.push({ registry: processCpuMs(registryPid) - reg0, client: (used.user + used.system) / 1000, wall: ms });
    if (results.some((r) => r.result.state !== 'same')) throw new Error(`a check failed: ${JSON.stringify(results.find((r) => r.result.state !== 'same'))}`);
    // The client's own log line per request is the counter: every HEAD counts, refused or not.
    const heads = lines.filter((l) => l.startsWith('HEAD '));
    if (heads.length > checks.length) throw new Error(`${heads.length} HEAD requests for ${checks.length} tags: ${lines.join('; ')}`);
    if (heads.some((l) => !l.endsWith('→ 200'))) throw new Error(`a HEAD was not answered 200: ${heads.find((l) => !l.endsWith('→ 200'))}`);
    // Besides the HEADs only the version check (GET /v2/, once per client) and token requests (to the issuer, not /v2/).
    const other = lines.filter((l) => !l.startsWith('HEAD ') && !l.startsWith('GET /v2/ →') && l.startsWith('GET /v2/'));
    if (other.length) throw new Error(`a check read a body: ${other.join('; ')}`);
    out.heads = Math.max(out.heads, heads.length);
    if (connections && connections0 !== undefined) {
      // One kept-alive connection per request in flight at most, never one per request.
      const opened = (await connections()) - connections0;
      if (opened > concurrency) throw new Error(`${opened} TCP connections for ${checks.length} checks, ${concurrency} at a time`);
      out.connections = { ...(out.connections ?? { bounded: 0, sequential: 0 }), [concurrency === 1 ? 'sequential' : 'bounded']: opened };
    }
    out.requests = Math.max(out.requests, lines.length);
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
  const sum = (f: (c: (typeof cpu)[number]) => number) => cpu.reduce((a, c) => a + f(c), 0);
  out.registryCpuMs = sum((c) => c.registry) / cpu.length / checks.length;
  out.clientCpuMs = sum((c) => c.client) / cpu.length / checks.length;
  out.floor = (sum((c) => c.registry + c.client) / 2) / sum((c) => c.wall);
  return out;
}

/** user + system CPU time of a process so far, from /proc (10 ms ticks). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

/** The docker-registry process serving `address` (the machine's reference registry, started by scripts/start-registry.sh). */
function registryProcess(address: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!argv[0].endsWith('docker-registry') || argv[1] !== 'serve') continue;
      if (readFileSync(argv[2], 'utf8').includes(`addr: ${address}`)) return Number(entry);
    } catch {
      // A process that ended meanwhile, or a config we may not read: not ours.
    }
  }
  throw new Error(`no docker-registry process serves ${address}`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
