import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync, statfsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import type * as EngineModule from '../../src/engine';
import type { Engine } from '../../src/engine/Engine';
import { repoRoot } from '../../test/support/repoRoot';
import { ensureBenchImage, type BenchImage } from './benchImage';
import { median, table } from './benchStats';

/**
 * The engine layer as the extension ships it: the production bundle
 * (dist/engine.js, built by bench.sh), not tsc's output with dockerode's
 * modules loaded one by one from node_modules. The difference is not only the
 * engine's own speed: loaded that way, dockerode (with the gRPC and protobuf
 * modules it requires for BuildKit sessions) leaves a small heap just past
 * V8's threshold for starting incremental marking, and from then on every
 * large stream in the process, the raw references' included, costs a full
 * collection every few megabytes (`node --trace-gc`: some 70 Mark-Compacts per
 * GiB, twice the client CPU). The bundle does not (0 or 1 per GiB), nor does
 * the same unbundled load in a process holding more live objects (30 MiB: 3
 * per GiB), as an extension host does. Nothing here loads dockerode any other
 * way. See saveCpuProbe.ts.
 */
const shipped = require(join(repoRoot(), 'dist', 'engine.js')) as typeof EngineModule;
const { loadImages, saveImages } = shipped;

/**
 * Save and load of the ~1 GiB benchmark image (several random-data layers), each
 * beside its two references in the same run: `docker save -o` / `docker load -i`
 * (/usr/bin/docker, which matches the engine) and the raw Engine API over the
 * socket with plain http.request. Rounds alternate the order; medians. Targets:
 * Stowage at ≥ 0.95× the throughput of both references, and the process's memory
 * (rss, arrayBuffers) growing ≤ 64 MiB during a save or load whatever the size.
 * Before every load the image is removed, so each load really loads its layers;
 * the last load leaves it in place for the other benchmarks.
 * `--gzip` adds: loading a .tar.gz with the engine decompressing vs this process.
 */
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 5);
const DOCKER = '/usr/bin/docker';
const MIB = 1024 * 1024;
const TARGET_RATIO = 0.95;
const TARGET_GROWTH_MIB = 64;

/**
 * Where the archives go: STOWAGE_BENCH_DIR, else /dev/shm when it has room for
 * three archives, else the temp folder. On a shared machine, writing 1 GiB files to
 * disk made single runs vary from 5 s to 70 s (others' writeback), which drowns the
 * client differences being measured; the engine still reads its layers from disk.
 */
function workRoot(imageBytes: number): string {
  if (process.env.STOWAGE_BENCH_DIR) return process.env.STOWAGE_BENCH_DIR;
  try {
    const fsStats = statfsSync('/dev/shm');
    if (fsStats.bavail * fsStats.bsize > 3.2 * imageBytes) return '/dev/shm';
  } catch {
    // No /dev/shm: the temp folder.
  }
  return tmpdir();
}

interface Memory {
  rssGrowth: number;
  arrayBuffersGrowth: number;
}

type Run = () => Promise<unknown>;

/** Samples memory while `run` goes; growth is the peak above the level just before it. */
async function withMemory(run: Run): Promise<Memory> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakAb = base.arrayBuffers;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakAb = Math.max(peakAb, m.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  try {
    await run();
  } finally {
    clearInterval(timer);
    sample();
  }
  return { rssGrowth: peakRss - base.rss, arrayBuffersGrowth: peakAb - base.arrayBuffers };
}

function rawSave(socketPath: string, ref: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: 'GET', path: `/v1.41/images/get?names=${encodeURIComponent(ref)}` }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`raw save: HTTP ${res.statusCode}`));
      // The fastest plain Node pipe (1 MiB write buffer, as Stowage uses): the reference is
      // the floor of a Node client, not a straw man with 16 KiB writes.
      pipeline(res, createWriteStream(path, { highWaterMark: 1 << 20 })).then(resolve, reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function rawLoad(socketPath: string, path: string, gunzipHere = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath, method: 'POST', path: '/v1.41/images/load?quiet=1', headers: { 'Content-Type': 'application/x-tar' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => (res.statusCode === 200 && !body.includes('"error"') ? resolve(body) : reject(new Error(`raw load: ${res.statusCode} ${body}`))));
      },
    );
    req.on('error', reject);
    const stages: Array<Readable | Writable> = [createReadStream(path, { highWaterMark: MIB })];
    if (gunzipHere) stages.push(createGunzip());
    stages.push(req);
    pipeline(stages as [Readable, Writable]).catch(reject);
  });
}

async function removeImage(engine: Engine, image: BenchImage): Promise<void> {
  await engine.api.getImage(image.ref).remove().catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 404) throw err;
  });
  const still = await engine.api
    .getImage(image.id)
    .inspect()
    .then(() => true)
    .catch(() => false);
  // If anything else still holds the image, a load would skip its layers and measure nothing.
  if (still) throw new Error(`${image.id} is still in the engine after removing ${image.ref} (another name or a child image holds it): loads cannot be measured`);
}

interface Contender {
  run: Run;
  /** Untimed preparation before each run (removing the image before a load). */
  before?: Run;
  memory?: boolean;
}

async function measure(rounds: number, contenders: Record<string, Contender>, bytesOf: () => number) {
  const names = Object.keys(contenders);
  const seconds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const memory: Memory[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      const c = contenders[name];
      await c.before?.();
      const t0 = process.hrtime.bigint();
      if (c.memory) memory.push(await withMemory(c.run));
      else await c.run();
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      seconds[name].push(s);
      rates[name].push(bytesOf() / s);
      process.stdout.write(`  round ${r + 1} ${name}: ${s.toFixed(2)} s\n`);
    }
  }
  const med = Object.fromEntries(names.map((n) => [n, { seconds: median(seconds[n]), rate: median(rates[n]) }]));
  const growth = {
    rssMiB: Math.max(0, ...memory.map((m) => m.rssGrowth)) / MIB,
    arrayBuffersMiB: Math.max(0, ...memory.map((m) => m.arrayBuffersGrowth)) / MIB,
  };
  return { med, growth };
}

async function main(): Promise<void> {
  const engine = new shipped.Engine(shipped.resolveEndpoint({ env: process.env }));
  const socketPath = engine.endpoint.socketPath;
  if (!socketPath) throw new Error('this benchmark talks to a local unix socket');
  if (!existsSync(DOCKER)) throw new Error(`${DOCKER} (the CLI matching the engine) is needed as the reference`);
  const image = await ensureBenchImage(engine);
  const dir = mkdtempSync(join(workRoot(image.bytes), 'stowage-saveload-bench-'));
  const out = join(dir, 'out.tar');
  const reference = join(dir, 'reference.tar');
  const cli = (args: string[]) => promisify(execFile)(DOCKER, args, { maxBuffer: 16 * MIB });
  try {
    console.log(`image ${image.ref}: ${(image.bytes / MIB).toFixed(0)} MiB; files in ${dir}; ${ROUNDS} alternating rounds each, medians`);

    // One untimed save first, so the first timed run does not pay for a cold page cache.
    await cli(['save', '-o', out, image.ref]);
    console.log('save:');
    const save = await measure(
      ROUNDS,
      {
        stowage: { run: () => saveImages(engine, [image.ref], out), memory: true, before: async () => rmSync(out, { force: true }) },
        cli: { run: () => cli(['save', '-o', out, image.ref]), before: async () => rmSync(out, { force: true }) },
        raw: { run: () => rawSave(socketPath, image.ref, out), before: async () => rmSync(out, { force: true }) },
      },
      () => statSync(out).size,
    );
    const tarBytes = statSync(out).size;
    rmSync(out, { force: true });

    await cli(['save', '-o', reference, image.ref]);
    console.log('load:');
    const prepare = () => removeImage(engine, image);
    const load = await measure(
      ROUNDS,
      {
        stowage: { run: () => loadImages(engine, reference), memory: true, before: prepare },
        cli: { run: () => cli(['load', '-i', reference]), before: prepare },
        raw: { run: () => rawLoad(socketPath, reference), before: prepare },
      },
      () => statSync(reference).size,
    );

    let gzip: Record<string, unknown> | undefined;
    if (process.argv.includes('--gzip')) {
      const gz = join(dir, 'reference.tar.gz');
      await pipeline(createReadStream(reference), createGzip({ level: 1 }), createWriteStream(gz));
      console.log('load of a .tar.gz:');
      const g = await measure(
        ROUNDS,
        {
          engineDecompresses: { run: () => rawLoad(socketPath, gz), before: prepare },
          processDecompresses: { run: () => rawLoad(socketPath, gz, true), before: prepare },
        },
        () => statSync(gz).size,
      );
      gzip = { engineSeconds: g.med.engineDecompresses.seconds, processSeconds: g.med.processDecompresses.seconds };
      console.log(table(Object.entries(g.med).map(([k, v]) => ({ contender: k, median: `${v.seconds.toFixed(2)} s` }))));
    }
    if (!(await engine.api.getImage(image.id).inspect().catch(() => undefined))) await cli(['load', '-i', reference]);

    const rows = [
      ...Object.entries(save.med).map(([k, v]) => ({ op: 'save', contender: k, median: `${v.seconds.toFixed(2)} s`, throughput: `${(v.rate / MIB).toFixed(1)} MiB/s` })),
      ...Object.entries(load.med).map(([k, v]) => ({ op: 'load', contender: k, median: `${v.seconds.toFixed(2)} s`, throughput: `${(v.rate / MIB).toFixed(1)} MiB/s` })),
    ];
    console.log(table(rows));
    const ratio = (m: typeof save.med, ref: string) => m.stowage.rate / m[ref].rate;
    const result = {
      bench: 'save-load',
      imageBytes: image.bytes,
      tarBytes,
      rounds: ROUNDS,
      workDir: dir,
      save: { stowageSeconds: save.med.stowage.seconds, cliSeconds: save.med.cli.seconds, rawSeconds: save.med.raw.seconds, ratioVsCli: ratio(save.med, 'cli'), ratioVsRaw: ratio(save.med, 'raw') },
      load: { stowageSeconds: load.med.stowage.seconds, cliSeconds: load.med.cli.seconds, rawSeconds: load.med.raw.seconds, ratioVsCli: ratio(load.med, 'cli'), ratioVsRaw: ratio(load.med, 'raw') },
      memoryGrowthMiB: { save: save.growth, load: load.growth },
      gzipLoad: gzip ?? null,
      targets: { throughputRatio: TARGET_RATIO, memoryGrowthMiB: TARGET_GROWTH_MIB },
    };
    console.log(
      `save ${result.save.ratioVsCli.toFixed(3)}× CLI, ${result.save.ratioVsRaw.toFixed(3)}× raw; load ${result.load.ratioVsCli.toFixed(3)}× CLI, ${result.load.ratioVsRaw.toFixed(3)}× raw (throughput; target ≥ ${TARGET_RATIO}×)`,
    );
    console.log(
      `memory growth: save rss ${save.growth.rssMiB.toFixed(1)} MiB, arrayBuffers ${save.growth.arrayBuffersMiB.toFixed(1)} MiB; load rss ${load.growth.rssMiB.toFixed(1)} MiB, arrayBuffers ${load.growth.arrayBuffersMiB.toFixed(1)} MiB (target ≤ ${TARGET_GROWTH_MIB} MiB)`,
    );
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
