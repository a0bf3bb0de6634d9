import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import type * as EngineModule from '../../src/engine';
import type { Engine } from '../../src/engine/Engine';
import { parseHost } from '../../src/engine/resolveEndpoint';
import { repoRoot } from '../../test/support/repoRoot';
import { buildScratchImage, startSecondEngine } from '../../test/support/secondEngine';
import { startSshServer } from '../../test/support/sshServer';
import { buildBusyboxImage, cleanup, testEngine, uniqueName } from '../../test/support/testEngine';
import { median, table } from './benchStats';
import { startThrottleRelay } from '../../test/support/throttleRelay';

/** The engine layer as it ships (dist/engine.js); see saveLoadBench.ts for why. */
const shipped = require(join(repoRoot(), 'dist', 'engine.js')) as typeof EngineModule;

/**
 * Issue 13's link: an SSH engine 100 Mbit/s away. The shared engine's image (a base of
 * BASE_MIB, already on the target, and a top layer of TOP_MIB) goes to a second real
 * dockerd behind a real sshd, every byte of both contenders crossing the same
 * throttling relay (startThrottleRelay, 127.0.0.1 only): Stowage's Copy to Engine over
 * ssh:// beside `docker save IMAGE | ssh HOST docker load`. Targets: ≤ 0.2× the pipe's
 * time; bytes over the link (client to server, SSH framing included) ≤ the missing
 * layers' tar bytes + 1%.
 */
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 3);
const BASE_MIB = Number(process.env.STOWAGE_BENCH_BASE_MIB ?? 464);
const TOP_MIB = Number(process.env.STOWAGE_BENCH_TOP_MIB ?? 48);
const LINK_BITS = Number(process.env.STOWAGE_BENCH_LINK_MBIT ?? 100) * 1_000_000;
const DOCKER = '/usr/bin/docker';
const MIB = 1024 * 1024;

function savePipedToSsh(ref: string, port: number, config: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const save = spawn(DOCKER, ['save', ref], { stdio: ['ignore', 'pipe', 'inherit'] });
    const load = spawn('ssh', ['-T', '-F', config, '-p', String(port), '-l', 'root', '--', '127.0.0.1', 'docker', 'load', '-q'], { stdio: ['pipe', 'ignore', 'inherit'] });
    save.stdout.pipe(load.stdin);
    let exits = 0;
    const done = (code: number | null, what: string) => {
      if (code !== 0) return reject(new Error(`${what} exited ${code}`));
      if (++exits === 2) resolve(performance.now() - started);
    };
    save.on('exit', (c) => done(c, 'docker save'));
    load.on('exit', (c) => done(c, 'ssh … docker load'));
  });
}

/**
 * The source engine's own export of the whole image, read and thrown away (raw
 * GET /images/get): what Stowage must wait for even when most layers are left out,
 * since the Engine API exports an image whole.
 */
function rawExport(socketPath: string, ref: string): Promise<{ ms: number; firstByteMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = 0;
    const req = request({ socketPath, path: `/images/get?names=${encodeURIComponent(ref)}`, method: 'GET' }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET /images/get answered ${res.statusCode}`));
      res.on('data', () => (firstByteMs ||= performance.now() - started));
      res.on('end', () => resolve({ ms: performance.now() - started, firstByteMs }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function removeFrom(engine: Engine, refs: string[]): Promise<void> {
  for (const r of refs) {
    await engine.api.getImage(r).remove().catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err;
    });
  }
}

async function main(): Promise<void> {
  const source = testEngine();
  const second = await startSecondEngine('throttle');
  const target = second.engine();
  const sshd = await startSshServer({ env: { DOCKER_HOST: `unix://${second.socketPath}` } });
  const relay = await startThrottleRelay(sshd.port, LINK_BITS);
  // The relay's port is where ssh connects: known_hosts names the host by it.
  const config = sshd.clientConfig({ knownHosts: `[127.0.0.1]:${relay.port} ${sshd.hostKey}\n` });
  const overSsh = new shipped.Engine(parseHost(`ssh://root@127.0.0.1:${relay.port}`, 'bench'), () => {}, { ...process.env, STOWAGE_SSH_CONFIG: config });
  const base = `stowage-bench/${uniqueName('thr-base')}:v1`;
  const top = `stowage-bench/${uniqueName('thr-app')}:v1`;
  try {
    await buildScratchImage(source, base, BASE_MIB * MIB);
    await buildBusyboxImage(source, top, { base, files: { 'top.bin': randomBytes(TOP_MIB * MIB) } });
    const imageBytes = (await source.api.getImage(top).inspect()).Size;
    // The base reaches the target off the link (a unix socket): only the test's set-up.
    await shipped.transferImage(source, target, base);
    console.log(`image ${top}: ${(imageBytes / MIB).toFixed(0)} MiB, base ${BASE_MIB} MiB on the target; link ${LINK_BITS / 1e6} Mbit/s each way`);

    const stowage: number[] = [];
    const cli: number[] = [];
    const exportOnly: number[] = [];
    const exportFirstByte: number[] = [];
    // Where Stowage's time went, per round: the archive's first byte through the copy,
    // the source's last layer passed (only configs and the manifest follow), the end.
    const phases: { firstByte: number; sourceRead: number; total: number }[] = [];
    let stowageLink = 0;
    let cliLink = 0;
    let missingTar = 0;
    let archiveBytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const raw = await rawExport(source.endpoint.socketPath!, top);
      exportOnly.push(raw.ms);
      exportFirstByte.push(raw.firstByteMs);
      for (const who of round % 2 === 0 ? ['stowage', 'cli'] : ['cli', 'stowage']) {
        await removeFrom(target, [top]);
        relay.reset();
        if (who === 'stowage') {
          const started = performance.now();
          let firstByte = 0;
          let sourceRead = 0;
          const r = await shipped.transferImage(source, overSsh, top, {
            onProgress: (u) => {
              firstByte ||= performance.now() - started;
              if (u.done) sourceRead = performance.now() - started;
            },
          });
          stowage.push(performance.now() - started);
          phases.push({ firstByte, sourceRead, total: performance.now() - started });
          stowageLink = relay.upBytes;
          archiveBytes = r.archiveBytes;
          missingTar = r.layers.filter((l) => l.sent).reduce((n, l) => n + l.bytes, 0);
          if (r.mode !== 'missing-layers' || r.layers.filter((l) => l.sent).length !== 1) throw new Error(`expected only the top layer to travel: ${JSON.stringify(r.layers)}`);
          if ((await target.api.getImage(top).inspect()).Id !== (await source.api.getImage(top).inspect()).Id) throw new Error('the image ID differs on the target');
        } else {
          cli.push(await savePipedToSsh(top, relay.port, config));
          cliLink = relay.upBytes;
        }
      }
    }
    const sm = median(stowage);
    const cm = median(cli);
    const em = median(exportOnly);
    console.log(
      table([
        { contender: 'Stowage over ssh://', median: `${(sm / 1000).toFixed(2)} s`, 'bytes over the link': String(stowageLink), 'vs pipe': (sm / cm).toFixed(3) + '×' },
        { contender: 'docker save | ssh docker load', median: `${(cm / 1000).toFixed(2)} s`, 'bytes over the link': String(cliLink), 'vs pipe': '1×' },
        { contender: "the source's export alone (raw GET /images/get, discarded)", median: `${(em / 1000).toFixed(2)} s`, 'bytes over the link': '0', 'vs pipe': (em / cm).toFixed(3) + '×' },
      ]),
    );
    for (const p of phases) {
      console.log(`Stowage's round: the archive's first byte after ${(p.firstByte / 1000).toFixed(2)} s, the source read to its last layer at ${(p.sourceRead / 1000).toFixed(2)} s, the target's answer and the check at ${(p.total / 1000).toFixed(2)} s`);
    }
    console.log(`the source's export alone: first byte after ${(median(exportFirstByte) / 1000).toFixed(2)} s (median); the missing layer's tar at ${LINK_BITS / 1e6} Mbit/s alone: ${((missingTar * 8) / LINK_BITS).toFixed(2)} s`);
    const overhead = stowageLink / missingTar - 1;
    console.log(`missing layer tar: ${missingTar} bytes; Stowage's archive ${archiveBytes} bytes; over the link ${stowageLink} bytes (+${(overhead * 100).toFixed(2)}% over the layer tar, SSH and HTTP framing included)`);
    console.log(
      `BENCH ${JSON.stringify({
        bench: 'transfer-throttled-ssh',
        rounds: ROUNDS,
        linkMbit: LINK_BITS / 1e6,
        imageMiB: imageBytes / MIB,
        baseMiB: BASE_MIB,
        topMiB: TOP_MIB,
        stowageMs: sm,
        cliMs: cm,
        sourceExportMs: em,
        sourceExportFirstByteMs: median(exportFirstByte),
        phases,
        timeRatio: sm / cm,
        stowageLinkBytes: stowageLink,
        cliLinkBytes: cliLink,
        missingLayerTarBytes: missingTar,
        linkBytesOverhead: overhead,
        targets: { timeRatio: 0.2, linkBytesOverhead: 0.01 },
      })}`,
    );
  } finally {
    await cleanup(source, { images: [top, base] });
    await relay.close();
    await sshd.stop();
    await second.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
