import { request } from 'node:http';
import { join } from 'node:path';
import type * as EngineModule from '../../src/engine';
import { stackLayers } from '../../src/model/layers/stackLayers';
import { peakGrowth } from '../../test/faults/support/peakGrowth';
import { repoRoot } from '../../test/support/repoRoot';
import { BENCH_IMAGE, BENCH_LABEL, ensureBenchImage } from './benchImage';
import { median, table } from './benchStats';

/**
 * `stowage analyze` (readImageExport + stackLayers, the engine layer as shipped in
 * dist/engine.js) on a 1 GiB image with 300,000 files, beside its reference in the
 * same run: the same export (`GET /images/{name}/get`) read from the socket and
 * thrown away. Targets (issue 12): at least 0.9x the reference's throughput, at
 * most 150 MiB of memory growth.
 */
const shipped = require(join(repoRoot(), 'dist', 'engine.js')) as typeof EngineModule;
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 5);
const SOCKET = '/var/run/docker.sock';
const IMAGE = 'stowage-bench/many-files:300k';
const DIRS = 300;
const PER_DIR = 1000;

/** The export streamed to nowhere: what the engine itself costs. */
function exportToNull(ref: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: SOCKET, method: 'GET', path: `/images/${encodeURIComponent(ref)}/get` }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`export answered ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function ensureManyFiles(engine: EngineModule.Engine): Promise<void> {
  const found = await engine.api
    .getImage(IMAGE)
    .inspect()
    .catch(() => undefined);
  if (found) return;
  await ensureBenchImage(engine);
  const dockerfile = [
    `FROM ${BENCH_IMAGE}`,
    `RUN for d in $(seq ${DIRS}); do mkdir -p /many/$d && cd /many/$d && seq ${PER_DIR} | xargs touch; done`,
  ].join('\n');
  const tar = tarOf('Dockerfile', Buffer.from(`${dockerfile}\n`));
  await engine.call(`build ${IMAGE}`, async (docker) => {
    const stream = await docker.buildImage(tar as unknown as NodeJS.ReadableStream, { t: IMAGE, labels: { [BENCH_LABEL]: '1' }, rm: true, forcerm: true });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
        const failed = err?.message ?? out.find((o) => o?.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      }),
    );
  });
}

/** A one-file tar for the build context. */
function tarOf(name: string, content: Buffer): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write(content.length.toString(8).padStart(11, '0') + '\0', 124);
  h.write(' '.repeat(8), 148);
  h.write('0', 156);
  h.write('ustar\x0000', 257, 'latin1');
  let sum = 0;
  for (const x of h) sum += x;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return Buffer.concat([h, content, Buffer.alloc((512 - (content.length % 512)) % 512), Buffer.alloc(1024)]);
}

async function main(): Promise<void> {
  const engine = new shipped.Engine(shipped.resolveEndpoint({ env: process.env }));
  await ensureManyFiles(engine);
  const refMs: number[] = [];
  const analyzeMs: number[] = [];
  const heap: number[] = [];
  const rss: number[] = [];
  let bytes = 0;
  let entries = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const reference = async () => {
    // Each side starts from a collected heap, outside its clock.
    gc?.();
    const t = process.hrtime.bigint();
    bytes = await exportToNull(IMAGE);
    refMs.push(Number(process.hrtime.bigint() - t) / 1e6);
  };
  const analysis = async () => {
    let t = 0n;
    // The clock starts inside: peakGrowth first collects the heap (the previous
    // round's index and tree) to take its baseline, which is not the analysis's work.
    const g = await peakGrowth(async () => {
      t = process.hrtime.bigint();
      const image = await shipped.readImageExport(engine, IMAGE);
      entries = image.layers.reduce((n, l) => n + l.index.entries.length, 0);
      const figures = stackLayers(image.layers.map((l) => l.index));
      analyzeMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      return figures;
    });
    if (g.error) throw g.error;
    heap.push(g.heapMiB);
    rss.push(g.rssMiB);
  };
  for (let r = 0; r < ROUNDS; r++) {
    // Interleaved, the order swapped every round: neither side always runs on the
    // engine's and the page cache's state the other left behind.
    if (r % 2 === 0) {
      await reference();
      await analysis();
    } else {
      await analysis();
      await reference();
    }
  }
  const ratio = median(refMs) / median(analyzeMs);
  const growth = Math.max(...heap, ...rss);
  const met = ratio >= 0.9 && growth <= 150;
  const mibps = (ms: number) => (bytes / 1024 / 1024 / (ms / 1000)).toFixed(0);
  console.log(
    table([
      { what: 'export to /dev/null (raw Engine API)', 'median ms': median(refMs).toFixed(0), 'MiB/s': mibps(median(refMs)), 'growth MiB heap / RSS': '' },
      {
        what: `stowage analyze (${entries.toLocaleString('en-US')} entries)`,
        'median ms': median(analyzeMs).toFixed(0),
        'MiB/s': mibps(median(analyzeMs)),
        'growth MiB heap / RSS': `${Math.max(...heap).toFixed(1)} / ${Math.max(...rss).toFixed(1)}`,
      },
    ]),
  );
  console.log(`export ${(bytes / 1024 / 1024).toFixed(0)} MiB; throughput ratio ${ratio.toFixed(2)}x the reference; targets (>= 0.9x, <= 150 MiB growth): ${met ? 'met' : 'NOT met'}`);
  console.log(`BENCH ${JSON.stringify({ bench: 'analyze', rounds: ROUNDS, exportBytes: bytes, entries, refMs, analyzeMs, heapMiB: heap, rssMiB: rss, ratio, targetsMet: met })}`);
  if (!met) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
