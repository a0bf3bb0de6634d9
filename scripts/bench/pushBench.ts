import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from '../../src/engine/Engine';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { login } from '../../src/engine/registry/login';
import { pushImage } from '../../src/engine/registry/pushImage';
import { ensureBenchImage } from './benchImage';
import { median, table } from './benchStats';

/**
 * Push of the ~1 GiB, six-layer bench image to the local registry: Stowage's
 * pushImage beside `docker push` (the reference), in one run, alternating which
 * goes first, each push to a fresh repository. Target: Stowage within 5% of the CLI.
 *
 * A fresh repository name is not enough for a real upload: the engine remembers
 * where it pushed each layer and asks the registry to mount it from there. So after
 * every push the bench unlinks that repository's blobs in the registry (the data
 * stays; only the repository's links go), and each push uploads every byte.
 */
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 3);
const PREFIX = 'stowage-bench/push-';
const TARGET_RATIO = 1.05;
const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

interface Account {
  registry: string;
  username: string;
  password: string;
}

interface Run {
  round: number;
  contender: 'stowage' | 'cli';
  ms: number;
  /** Layers uploaded / mounted / already there, as the push reported them. */
  uploaded: number;
  skipped: number;
}

function account(): Account {
  const file = resolve(__dirname, '../../../.run/registry.env');
  if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/start-registry.sh first`);
  const vars = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { registry: vars.STOWAGE_REGISTRY, username: vars.STOWAGE_REGISTRY_USER, password: vars.STOWAGE_REGISTRY_PASSWORD };
}

/** One request to the registry's HTTP API with the bench account. */
function registry(acc: Account, method: string, path: string, accept?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const [host, port] = acc.registry.split(':');
  return new Promise((resolvePromise, reject) => {
    const req = request({ host, port: Number(port), method, path, auth: `${acc.username}:${acc.password}`, headers: accept ? { Accept: accept } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Removes a repository's tags and blob links from the registry, so no later push can mount from it. */
async function unlink(acc: Account, repo: string): Promise<void> {
  const tags = await registry(acc, 'GET', `/v2/${repo}/tags/list`);
  if (tags.status !== 200) return;
  for (const tag of (JSON.parse(tags.body) as { tags?: string[] | null }).tags ?? []) {
    const manifest = await registry(acc, 'GET', `/v2/${repo}/manifests/${tag}`, MANIFEST_V2);
    if (manifest.status !== 200) continue;
    const m = JSON.parse(manifest.body) as { config?: { digest: string }; layers?: Array<{ digest: string }> };
    for (const digest of [m.config?.digest, ...(m.layers ?? []).map((l) => l.digest)]) {
      if (digest) await registry(acc, 'DELETE', `/v2/${repo}/blobs/${digest}`);
    }
    const digest = manifest.headers['docker-content-digest'];
    if (typeof digest === 'string') await registry(acc, 'DELETE', `/v2/${repo}/manifests/${digest}`);
  }
}

/** Repositories earlier bench runs left, whose links would let the engine mount instead of upload. */
async function leftovers(acc: Account): Promise<string[]> {
  const res = await registry(acc, 'GET', '/v2/_catalog?n=10000');
  if (res.status !== 200) return [];
  return ((JSON.parse(res.body) as { repositories?: string[] }).repositories ?? []).filter((r) => r.startsWith(PREFIX));
}

function cliPush(ref: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('/usr/bin/docker', ['push', ref], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`docker push ${ref} failed (${code}): ${err.trim()}`))));
  });
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/docker')) throw new Error('/usr/bin/docker is missing: the CLI is the reference here');
  const acc = account();
  const engine = new Engine(resolveEndpoint({ env: process.env }));
  // A config folder for the bench alone, with no credential helper on PATH: the login goes to its config.json, used by both.
  const dir = mkdtempSync(join(tmpdir(), 'stowage-bench-docker-config-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dir, PATH: join(dir, 'bin') };
  const credentials = { env };
  const runs: Run[] = [];
  try {
    const image = await ensureBenchImage(engine);
    const layers = (await engine.api.getImage(image.ref).inspect()).RootFS?.Layers?.length ?? 0;
    await login(engine, { server: acc.registry, username: acc.username, password: acc.password }, credentials);
    for (const repo of await leftovers(acc)) await unlink(acc, repo);

    const stamp = `${process.pid}-${Date.now().toString(36)}`;
    const contenders = {
      stowage: async (ref: string) => {
        const result = await pushImage(engine, ref, { credentials });
        const uploaded = result.transfer.layers.filter((l) => l.phase === 'pushed').length;
        return { uploaded, skipped: result.transfer.layers.length - uploaded };
      },
      cli: async (ref: string) => {
        const out = await cliPush(ref, env);
        return { uploaded: (out.match(/: Pushed$/gm) ?? []).length, skipped: (out.match(/: (Layer already exists|Mounted from .*)$/gm) ?? []).length };
      },
    };
    const names = Object.keys(contenders) as Array<keyof typeof contenders>;
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < names.length; i++) {
        const contender = names[(i + round) % names.length];
        const repo = `${PREFIX}${contender}-${stamp}-${round}`;
        const ref = `${acc.registry}/${repo}:v1`;
        await engine.api.getImage(image.ref).tag({ repo: `${acc.registry}/${repo}`, tag: 'v1' });
        try {
          const t0 = process.hrtime.bigint();
          const counts = await contenders[contender](ref);
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          runs.push({ round, contender, ms, ...counts });
          process.stdout.write(`round ${round + 1} ${contender}: ${(ms / 1000).toFixed(2)} s (${counts.uploaded} layers uploaded, ${counts.skipped} skipped)\n`);
        } finally {
          await engine.api.getImage(ref).remove({ noprune: true }).catch(() => {});
          await unlink(acc, repo);
        }
      }
    }
    const med = (c: Run['contender']) => median(runs.filter((r) => r.contender === c).map((r) => r.ms));
    const stowage = med('stowage');
    const cli = med('cli');
    const ratio = stowage / cli;
    // The two pushes of a round run back to back, so they share the machine's load of the moment: their ratio is the steadier figure.
    const paired = median(Array.from({ length: ROUNDS }, (_, round) => {
      const of = (c: Run['contender']) => runs.find((r) => r.round === round && r.contender === c)!.ms;
      return of('stowage') / of('cli');
    }));
    const fullUploads = runs.every((r) => r.uploaded >= 4);
    console.log(`\nPush of ${(image.bytes / 2 ** 30).toFixed(2)} GiB in ${layers} layers to ${acc.registry}; ${ROUNDS} alternating rounds, each to a fresh repository`);
    console.log(table(runs.map((r) => ({ round: r.round + 1, contender: r.contender, seconds: (r.ms / 1000).toFixed(2), uploaded: r.uploaded, skipped: r.skipped }))));
    console.log();
    console.log(table([
      { contender: 'stowage pushImage', median: `${(stowage / 1000).toFixed(2)} s`, 'vs cli': `${ratio.toFixed(3)}×`, 'vs cli, same round (median)': `${paired.toFixed(3)}×` },
      { contender: 'docker push (CLI)', median: `${(cli / 1000).toFixed(2)} s`, 'vs cli': '1.000×', 'vs cli, same round (median)': '1.000×' },
    ]));
    const load = loadavg()[0];
    if (load > cpus().length) console.log(`NOTE: load average ${load.toFixed(1)} on ${cpus().length} CPUs during the run: other work shares the engine's CPU, times are noisy`);
    if (!fullUploads) console.log('WARNING: some push did not upload all four random layers (mounted or already there): times are not comparable');
    const result = {
      bench: 'push',
      imageBytes: image.bytes,
      layers,
      rounds: ROUNDS,
      stowageMs: stowage,
      cliMs: cli,
      ratioVsCli: ratio,
      pairedRatioVsCli: paired,
      loadAverage: loadavg()[0],
      fullUploads,
      targets: { ratioVsCli: TARGET_RATIO },
      pass: fullUploads && ratio <= TARGET_RATIO,
    };
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
