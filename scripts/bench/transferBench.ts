import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type * as EngineModule from '../../src/engine';
import type { Engine } from '../../src/engine/Engine';
import { repoRoot } from '../../test/support/repoRoot';
import { buildScratchImage, startSecondEngine } from '../../test/support/secondEngine';
import { startSshServer } from '../../test/support/sshServer';
import { parseHost, resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { buildBusyboxImage, cleanup, uniqueName } from '../../test/support/testEngine';
import { median, table } from './benchStats';

/** The engine layer as it ships (dist/engine.js, built by bench.sh); see saveLoadBench.ts for why. */
const shipped = require(join(repoRoot(), 'dist', 'engine.js')) as typeof EngineModule;
const { transferImage } = shipped;

/**
 * Copying an image from the shared engine to a second real dockerd (its own data
 * root and network namespace, test/support/secondEngine.ts), beside the reference
 * in the same run: `docker save IMAGE | docker -H TARGET load` (/usr/bin/docker,
 * matching the engine), its bytes counted on the pipe. Two cases, rounds
 * alternating the order, medians:
 * - missing layers: the target holds the base (≥ 90% of the bytes); only the top
 *   layer should travel. Target: ≤ 0.2× the pipe's time, bytes ≤ the missing
 *   layers' tar bytes + 1%.
 * - full: nothing on the target. Target: ≥ 0.95× the pipe's throughput (time ratio
 *   ≤ 1.05), memory growth ≤ 64 MiB.
 * - the missing-layers case again over SSH (a real sshd on 127.0.0.1 in front of the
 *   second engine), beside `docker save | ssh HOST docker load`.
 * All unthrottled: the issue's 100 Mbit/s link is not simulated here.
 */
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 3);
const BASE_MIB = Number(process.env.STOWAGE_BENCH_BASE_MIB ?? 240);
const TOP_MIB = Number(process.env.STOWAGE_BENCH_TOP_MIB ?? 16);
const DOCKER = '/usr/bin/docker';
const MIB = 1024 * 1024;

/** `docker save ref | docker -H target load` (or `| ssh … docker load`), timed; returns ms and the bytes on the pipe. */
function cliPipe(ref: string, targetSocket: string, ssh?: { port: number; config: string }): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const save = spawn(DOCKER, ['save', ref], { stdio: ['ignore', 'pipe', 'inherit'] });
    const load = ssh
      ? spawn('ssh', ['-T', '-F', ssh.config, '-p', String(ssh.port), '-l', 'root', '--', '127.0.0.1', 'docker', 'load', '-q'], { stdio: ['pipe', 'ignore', 'inherit'] })
      : spawn(DOCKER, ['-H', `unix://${targetSocket}`, 'load', '-q'], { stdio: ['pipe', 'ignore', 'inherit'] });
    let bytes = 0;
    save.stdout.on('data', (c: Buffer) => (bytes += c.length));
    save.stdout.pipe(load.stdin);
    let exits = 0;
    const done = (code: number | null, what: string) => {
      if (code !== 0) return reject(new Error(`${what} exited ${code}`));
      if (++exits === 2) resolve({ ms: performance.now() - started, bytes });
    };
    save.on('exit', (c) => done(c, 'docker save'));
    load.on('exit', (c) => done(c, 'docker load'));
  });
}

async function removeFrom(engine: Engine, refs: string[]): Promise<void> {
  for (const r of refs) {
    await engine.api.getImage(r).remove().catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err;
    });
  }
}

async function peakGrowth(run: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - base;
}

async function main(): Promise<void> {
  // Both engines as the bundle builds them: dockerode loaded from node_modules (as
  // testEngine() or second.engine() would) leaves V8's heap in a shape where every large
  // stream of the process costs far more collection (saveCpuProbe.ts), which no shipped
  // process has.
  const source = new shipped.Engine(resolveEndpoint({ env: process.env }));
  const second = await startSecondEngine('bench');
  const target = new shipped.Engine(parseHost(`unix://${second.socketPath}`, 'bench'));
  // The same second engine behind a real sshd on 127.0.0.1: ssh:// as the docker CLI reaches it.
  const sshd = await startSshServer({ env: { DOCKER_HOST: `unix://${second.socketPath}` } });
  const sshConfig = sshd.clientConfig();
  const overSsh = new shipped.Engine(parseHost(`ssh://root@127.0.0.1:${sshd.port}`, 'bench'), () => {}, { ...process.env, STOWAGE_SSH_CONFIG: sshConfig });
  const base = `stowage-bench/${uniqueName('xfer-base')}:v1`;
  const top = `stowage-bench/${uniqueName('xfer-app')}:v1`;
  try {
    await buildScratchImage(source, base, BASE_MIB * MIB);
    await buildBusyboxImage(source, top, { base, files: { 'top.bin': randomBytes(TOP_MIB * MIB) } });
    const layers = (await source.api.getImage(top).inspect()).RootFS!.Layers!;
    console.log(`image ${top}: ${layers.length} layers, base ${BASE_MIB} MiB, top ${TOP_MIB} MiB`);

    const partial = { stowage: [] as number[], cli: [] as number[], stowageBytes: 0, cliBytes: 0, missingLayerBytes: 0, archiveBytes: 0 };
    const viaSsh = { stowage: [] as number[], cli: [] as number[], bytes: 0, cliBytes: 0 };
    const full = { stowage: [] as number[], cli: [] as number[], growth: [] as number[], bytes: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // Missing layers: the base is on the target, the top image is not.
      await removeFrom(target, [top]);
      await transferImage(source, target, base);
      const order = round % 2 === 0 ? ['stowage', 'cli'] : ['cli', 'stowage'];
      for (const who of order) {
        await removeFrom(target, [top]);
        if (who === 'stowage') {
          const started = performance.now();
          const r = await transferImage(source, target, top);
          partial.stowage.push(performance.now() - started);
          partial.stowageBytes = r.bytesSent;
          partial.archiveBytes = r.archiveBytes;
          partial.missingLayerBytes = r.layers.filter((l) => l.sent).reduce((n, l) => n + l.bytes, 0);
          if (r.mode !== 'missing-layers' || r.layers.filter((l) => l.sent).length !== 1) throw new Error(`expected only the top layer to travel: ${JSON.stringify(r.layers)}`);
        } else {
          const r = await cliPipe(top, second.socketPath);
          partial.cli.push(r.ms);
          partial.cliBytes = r.bytes;
        }
      }
      // The same over SSH: Stowage through `ssh … docker system dial-stdio`, the reference `docker save | ssh … docker load`.
      for (const who of order) {
        await removeFrom(target, [top]);
        if (who === 'stowage') {
          const started = performance.now();
          const r = await transferImage(source, overSsh, top);
          viaSsh.stowage.push(performance.now() - started);
          viaSsh.bytes = r.archiveBytes;
          if (r.layers.filter((l) => l.sent).length !== 1) throw new Error(`over SSH, expected only the top layer to travel: ${JSON.stringify(r.layers)}`);
        } else {
          const r = await cliPipe(top, second.socketPath, { port: sshd.port, config: sshConfig });
          viaSsh.cli.push(r.ms);
          viaSsh.cliBytes = r.bytes;
        }
      }
      // Full: nothing on the target.
      for (const who of order) {
        await removeFrom(target, [top, base]);
        if (who === 'stowage') {
          let ms = 0;
          full.growth.push(
            await peakGrowth(async () => {
              const started = performance.now();
              const r = await transferImage(source, target, top);
              ms = performance.now() - started;
              full.bytes = r.archiveBytes;
              if (r.bytesSkipped !== 0) throw new Error('the full case skipped a layer: the target was not empty');
            }),
          );
          full.stowage.push(ms);
        } else {
          full.cli.push((await cliPipe(top, second.socketPath)).ms);
        }
      }
    }
    const pm = median(partial.stowage);
    const pc = median(partial.cli);
    const fm = median(full.stowage);
    const fc = median(full.cli);
    const growthMiB = Math.max(...full.growth) / MIB;
    const sm = median(viaSsh.stowage);
    const sc = median(viaSsh.cli);
    console.log(
      table([
        { case: 'base on target', stowage: `${pm.toFixed(0)} ms`, 'docker save | docker load': `${pc.toFixed(0)} ms`, ratio: (pm / pc).toFixed(3), 'bytes (stowage / pipe)': `${partial.archiveBytes} / ${partial.cliBytes}` },
        { case: 'base on target, over SSH', stowage: `${sm.toFixed(0)} ms`, 'docker save | docker load': `${sc.toFixed(0)} ms (| ssh … docker load)`, ratio: (sm / sc).toFixed(3), 'bytes (stowage / pipe)': `${viaSsh.bytes} / ${viaSsh.cliBytes}` },
        { case: 'nothing on target', stowage: `${fm.toFixed(0)} ms`, 'docker save | docker load': `${fc.toFixed(0)} ms`, ratio: (fm / fc).toFixed(3), 'bytes (stowage / pipe)': `${full.bytes} / —` },
      ]),
    );
    const overhead = partial.archiveBytes / partial.missingLayerBytes - 1;
    console.log(`missing-layers archive: ${partial.archiveBytes} bytes for ${partial.missingLayerBytes} bytes of missing layer tar (+${(overhead * 100).toFixed(2)}%); full: rss growth peak ${growthMiB.toFixed(1)} MiB`);
    console.log(
      `BENCH ${JSON.stringify({
        bench: 'transfer',
        rounds: ROUNDS,
        baseMiB: BASE_MIB,
        topMiB: TOP_MIB,
        missingLayersMs: pm,
        missingLayersCliMs: pc,
        missingLayersRatio: pm / pc,
        missingLayersBytes: partial.archiveBytes,
        missingLayerTarBytes: partial.missingLayerBytes,
        cliPipeBytes: partial.cliBytes,
        sshMissingLayersMs: sm,
        sshCliMs: sc,
        sshMissingLayersRatio: sm / sc,
        fullMs: fm,
        fullCliMs: fc,
        fullTimeRatio: fm / fc,
        fullRssGrowthMiB: growthMiB,
        targets: { missingLayersRatio: 0.2, bytesOverhead: 0.01, fullTimeRatio: 1 / 0.95, growthMiB: 64 },
      })}`,
    );
  } finally {
    await cleanup(source, { images: [top, base] });
    await sshd.stop();
    await second.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
