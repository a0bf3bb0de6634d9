import { spawn } from 'node:child_process';
import { request } from 'node:http';
import Module from 'node:module';
import { join } from 'node:path';
import { BASE_IMAGE, TEST_LABEL, ensureBaseImage, testEngine, uniqueName } from '../../test/support/testEngine';

/**
 * Show Logs of a container that wrote 1,000,000 lines, through the product's own
 * terminal (src/terminal/ContainerLogs), beside `docker logs` to /dev/null in the
 * same run. Targets: first screen (the last stowage.logs.tail lines, and the first
 * chunk of the whole log) under 300 ms; the whole log read at least as fast as the
 * CLI; memory growth at most 64 MiB.
 *
 * The terminal needs only vscode's EventEmitter, given here as the smallest
 * stand-in; everything else is the product's, as Show Logs runs it: the terminal's code,
 * and the engine bundle that ships (its Engine, the logs request, the demultiplexer).
 */
const LINES = 1_000_000;
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS) || 3;

class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  readonly event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
}
const moduleApi = Module as unknown as { _load: (r: string, p: unknown, m: boolean) => unknown; _resolveFilename: (r: string, p: unknown, ...a: unknown[]) => string };
const load = moduleApi._load;
moduleApi._load = (request, parent, isMain) => (request === 'vscode' ? { EventEmitter } : load(request, parent, isMain));
const resolve = moduleApi._resolveFilename;
const outSrc = join(__dirname, '..', '..', 'src');
// engineModule() loads the engine bundle beside it: here the one that ships, dist/engine.js
// (bench.sh builds it with --production), rather than tsc's output of the same sources.
const shippedEngine = join(__dirname, '..', '..', '..', 'dist', 'engine.js');
moduleApi._resolveFilename = (request, parent, ...rest) => (request === join(outSrc, 'engine.js') ? shippedEngine : resolve(request, parent, ...rest));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ContainerLogs } = require('../../src/terminal/ContainerLogs') as typeof import('../../src/terminal/ContainerLogs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shipped = require(shippedEngine) as typeof import('../../src/engine/index');

interface Reading {
  firstMs: number;
  wholeMs: number;
  bytes: number;
  peakGrowthMiB: number;
  /** CPU this process spent (user + system): the product's own cost, which the machine's load does not inflate much. */
  cpuMs: number;
}

async function readThroughTerminal(engine: InstanceType<typeof shipped.Engine>, id: string, tail: number | undefined): Promise<Reading> {
  (global as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss - base.rss, m.heapUsed - base.heapUsed);
  }, 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let first = 0;
  let bytes = 0;
  const logs = new ContainerLogs(engine, id, 'bench', { tail, timestamps: false });
  const done = new Promise<void>((resolveDone) => {
    logs.onDidWrite((text: string) => {
      if (!first) first = performance.now() - t0;
      bytes += text.length;
      if (text.includes('[end of the log of')) resolveDone();
    });
  });
  await logs.open();
  await done;
  const whole = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss - base.rss, m.heapUsed - base.heapUsed);
  logs.close();
  return { firstMs: first, wholeMs: whole, bytes, peakGrowthMiB: peak / 1048576, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** The raw Engine API: the same log read from the socket and dropped, for what the engine itself costs. */
function rawToNowhere(socketPath: string, id: string): Promise<number> {
  return new Promise((resolveRaw, reject) => {
    const t0 = performance.now();
    const req = request({ socketPath, path: `/containers/${id}/logs?stdout=1&stderr=1`, method: 'GET' }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolveRaw(performance.now() - t0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function cliToDevNull(id: string): Promise<number> {
  return new Promise((resolveCli, reject) => {
    const t0 = performance.now();
    const p = spawn('docker', ['logs', id], { stdio: ['ignore', 'ignore', 'ignore'] });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolveCli(performance.now() - t0) : reject(new Error(`docker logs exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const engine = testEngine();
  await ensureBaseImage(engine);
  const c = await engine.api.createContainer({ Image: BASE_IMAGE, name: uniqueName('bench-logs'), Cmd: ['/bin/seq', '1', String(LINES)], Labels: { [TEST_LABEL]: '1' } });
  try {
    await c.start();
    await c.wait();
    const rows: string[] = [];
    const results = { ratio: [] as number[], tailFirst: [] as number[], wholeFirst: [] as number[], whole: [] as number[], cli: [] as number[], raw: [] as number[], growth: [] as number[], cpu: [] as number[] };
    // As the extension makes it (src/session): the shipped bundle's Engine on the same endpoint.
    // Show Logs is clicked on a row of the Containers view, which has listed the containers
    // through that engine already: so has this one (its client is built on first use).
    const product = new shipped.Engine(shipped.resolveEndpoint({ env: process.env }));
    await shipped.listContainers(product);
    for (let r = 0; r < ROUNDS; r++) {
      const tail = await readThroughTerminal(product, c.id, 500);
      // The engine's pace drifts within a run (other work on the machine): the CLI goes
      // first in odd rounds and second in even ones, so neither always gets the calmer turn.
      let cli: number;
      let whole: Reading;
      if (r % 2 === 0) {
        cli = await cliToDevNull(c.id);
        whole = await readThroughTerminal(product, c.id, undefined);
      } else {
        whole = await readThroughTerminal(product, c.id, undefined);
        cli = await cliToDevNull(c.id);
      }
      const raw = await rawToNowhere(engine.endpoint.socketPath!, c.id);
      results.raw.push(raw);
      results.ratio.push(whole.wholeMs / cli);
      results.tailFirst.push(tail.firstMs);
      results.wholeFirst.push(whole.firstMs);
      results.whole.push(whole.wholeMs);
      results.cli.push(cli);
      results.cpu.push(whole.cpuMs);
      results.growth.push(Math.max(tail.peakGrowthMiB, whole.peakGrowthMiB));
      rows.push(
        `round ${r + 1} (${r % 2 === 0 ? 'CLI first' : 'Stowage first'}): last 500 lines first shown ${tail.firstMs.toFixed(1)} ms; whole log: first chunk ${whole.firstMs.toFixed(1)} ms, all ${whole.wholeMs.toFixed(0)} ms (${(whole.bytes / 1e6).toFixed(1)} MB written, ${whole.cpuMs.toFixed(0)} ms of CPU); docker logs > /dev/null ${cli.toFixed(0)} ms; raw Engine API ${raw.toFixed(0)} ms; ratio ${(whole.wholeMs / cli).toFixed(2)}×; peak growth ${Math.max(tail.peakGrowthMiB, whole.peakGrowthMiB).toFixed(1)} MiB`,
      );
    }
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
    console.log(`Show Logs of a container that wrote ${LINES.toLocaleString('en-US')} lines, ${ROUNDS} rounds; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
    for (const row of rows) console.log(row);
    const summary = { bench: 'logs', tailFirstMs: med(results.tailFirst), wholeFirstMs: med(results.wholeFirst), wholeMs: med(results.whole), cliMs: med(results.cli), rawMs: med(results.raw), ratio: med(results.whole) / med(results.cli), roundRatio: med(results.ratio), peakGrowthMiB: Math.max(...results.growth), cpuMs: med(results.cpu) };
    console.log(`medians: first screen ${summary.tailFirstMs.toFixed(1)} ms (tail) / ${summary.wholeFirstMs.toFixed(1)} ms (whole); whole ${summary.wholeMs.toFixed(0)} ms vs docker logs ${summary.cliMs.toFixed(0)} ms = ${summary.ratio.toFixed(2)}× its time (median of the rounds' own ratios ${summary.roundRatio.toFixed(2)}×; raw Engine API ${summary.rawMs.toFixed(0)} ms); CPU of the whole read ${summary.cpuMs.toFixed(0)} ms; max growth ${summary.peakGrowthMiB.toFixed(1)} MiB`);
    console.log(`BENCH ${JSON.stringify(summary)}`);
  } finally {
    await c.remove({ force: true }).catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
