/**
 * A diagnosis, not a benchmark (bench.sh does not run it): where the time of a full
 * Copy to Engine goes. Copies an image (nothing of it on the target, a second real
 * dockerd) through the shipped engine bundle and prints each Engine API request's
 * start and end, the archive's first and last byte through the copy, and the end;
 * beside it, in the same run, the source's raw export read to nowhere (its first and
 * last byte) and `docker save | docker -H target load`.
 *   node out/scripts/bench/transferPhasesProbe.js [rounds]   (after `node esbuild.mjs --production`)
 * STOWAGE_PROBE_SSH=1 sends through a real sshd in front of the second engine instead.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type * as EngineModule from '../../src/engine';
import type { Engine } from '../../src/engine/Engine';
import { parseHost } from '../../src/engine/resolveEndpoint';
import { repoRoot } from '../../test/support/repoRoot';
import { buildScratchImage, startSecondEngine } from '../../test/support/secondEngine';
import { startSshServer } from '../../test/support/sshServer';
import { buildBusyboxImage, cleanup, uniqueName } from '../../test/support/testEngine';

const shipped = require(join(repoRoot(), 'dist', 'engine.js')) as typeof EngineModule;
const ROUNDS = Number(process.argv[2] ?? 2);
const MIB = 1024 * 1024;

function rawExport(socketPath: string, ref: string): Promise<{ first: number; last: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = 0;
    const req = request({ socketPath, path: `/images/get?names=${encodeURIComponent(ref)}` }, (res) => {
      res.on('data', () => (first ||= performance.now() - t0));
      res.on('end', () => resolve({ first, last: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function cliPipe(ref: string, targetSocket: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const save = spawn('/usr/bin/docker', ['save', ref], { stdio: ['ignore', 'pipe', 'inherit'] });
    const load = spawn('/usr/bin/docker', ['-H', `unix://${targetSocket}`, 'load', '-q'], { stdio: ['pipe', 'ignore', 'inherit'] });
    save.stdout.pipe(load.stdin);
    let exits = 0;
    const done = (code: number | null) => (code !== 0 ? reject(new Error(`exited ${code}`)) : ++exits === 2 && resolve(performance.now() - t0));
    save.on('exit', done);
    load.on('exit', done);
  });
}

async function removeFrom(engine: Engine, refs: string[]): Promise<void> {
  for (const r of refs) await engine.api.getImage(r).remove().catch(() => undefined);
}

async function main(): Promise<void> {
  let t0 = 0;
  const lines: string[] = [];
  const log = (line: string) => {
    const now = performance.now() - t0;
    const ms = Number(/\((\d+) ms\)$/.exec(line)?.[1] ?? 0);
    lines.push(`  ${(now - ms).toFixed(0).padStart(6)} → ${now.toFixed(0).padStart(6)} ms  ${line}`);
  };
  const source = new shipped.Engine(parseHost('unix:///var/run/docker.sock', 'probe'), log);
  const second = await startSecondEngine('probe');
  const sshd = process.env.STOWAGE_PROBE_SSH ? await startSshServer({ env: { DOCKER_HOST: `unix://${second.socketPath}` } }) : undefined;
  const target = sshd
    ? new shipped.Engine(parseHost(`ssh://root@127.0.0.1:${sshd.port}`, 'probe'), log, { ...process.env, STOWAGE_SSH_CONFIG: sshd.clientConfig() })
    : new shipped.Engine(parseHost(`unix://${second.socketPath}`, 'probe'), log);
  const plain = new shipped.Engine(parseHost(`unix://${second.socketPath}`, 'probe'));
  const base = `stowage-bench/${uniqueName('probe-base')}:v1`;
  const top = `stowage-bench/${uniqueName('probe-app')}:v1`;
  try {
    await buildScratchImage(source, base, 240 * MIB);
    await buildBusyboxImage(source, top, { base, files: { 'top.bin': randomBytes(16 * MIB) } });
    for (let round = 0; round < ROUNDS; round++) {
      const raw = await rawExport('/var/run/docker.sock', top);
      console.log(`raw export read to nowhere: first byte ${raw.first.toFixed(0)} ms, last ${raw.last.toFixed(0)} ms`);
      await removeFrom(plain, [top, base]);
      console.log(`docker save | docker load: ${(await cliPipe(top, second.socketPath)).toFixed(0)} ms`);
      await removeFrom(plain, [top, base]);
      lines.length = 0;
      let first = 0;
      let last = 0;
      t0 = performance.now();
      const cpu = process.cpuUsage();
      const r = await shipped.transferImage(source, target, top, {
        onProgress: (u) => {
          first ||= performance.now() - t0;
          if (u.done) last = performance.now() - t0;
        },
      });
      const total = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      console.log(`Stowage: ${total.toFixed(0)} ms (${r.mode}, ${r.archiveBytes} bytes); first layer byte ${first.toFixed(0)} ms, last layer done ${last.toFixed(0)} ms; CPU ${((used.user + used.system) / 1000).toFixed(0)} ms`);
      console.log(lines.join('\n'));
      const fromNodeModules = Object.keys(require.cache).some((f) => /node_modules\/dockerode\//.test(f));
      console.log(`dockerode loaded from node_modules in this process: ${fromNodeModules}`);
    }
  } finally {
    await cleanup(source, { images: [top, base] });
    await sshd?.stop();
    await second.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
