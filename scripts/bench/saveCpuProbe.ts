/**
 * A diagnosis, not a benchmark (bench.sh does not run it): where the time of a
 * 1 GiB save goes. For `docker save -o` and a plain Node pipe from the engine's
 * socket, it prints wall time and the CPU used by the client and by dockerd
 * (from /proc), alternating, so one can see that dockerd spends about a core
 * producing the tar and how much more CPU a Node client needs than the Go CLI.
 * Then the same plain pipe before and after a save through dockerode, which
 * loads dockerode into the process: from then on every large stream of the
 * process costs more CPU (`node --trace-gc` shows a full collection every few
 * tens of milliseconds, after "external memory pressure"). Loading
 * docker-modem alone, or dockerode's other modules alone, does not do it.
 * `node --trace-incremental-marking` says why: the modules leave an old
 * generation whose room to its limit is less than the young generation's
 * capacity, so V8 starts incremental marking on every promotion. The shipped
 * engine bundle (dist/engine.js) does not leave the heap so, and neither does
 * a process with more live objects, which is why saveLoadBench measures the
 * bundle.
 * Run after `bash scripts/bench.sh saveLoad` has made the image:
 *   node out/scripts/bench/saveCpuProbe.js [rounds]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { BENCH_IMAGE } from './benchImage';
import { dialEngine } from '../../src/engine/images/dialEngine';
import { testEngine } from '../../test/support/testEngine';

const SOCKET = '/var/run/docker.sock';
const OUT = '/dev/shm/stowage-save-cpu-probe.tar';
const PIDFILE = '/var/lib/stowage-docker/dockerd.pid';

/** User + system CPU of a process so far, in seconds (clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** `docker save -o` under /usr/bin/time, which reports the CLI's own CPU. */
function cliSave(): number {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '/usr/bin/docker', 'save', '-o', OUT, BENCH_IMAGE], { env: { ...process.env, DOCKER_HOST: `unix://${SOCKET}` } });
  if (r.status !== 0) throw new Error(`docker save failed: ${r.stderr.toString()}`);
  const [user, sys] = r.stderr.toString().trim().split('\n').pop()!.split(' ').map(Number);
  return user + sys;
}

function nodeSave(): Promise<undefined> {
  return new Promise((resolve, reject) => {
    get({ socketPath: SOCKET, path: `/v1.41/images/get?names=${encodeURIComponent(BENCH_IMAGE)}` }, (res) => {
      pipeline(res, createWriteStream(OUT, { highWaterMark: 1 << 20 })).then(() => resolve(undefined), reject);
    }).on('error', reject);
  });
}

async function probe(name: string, run: () => Promise<number | undefined>, dockerd: number): Promise<void> {
  rmSync(OUT, { force: true });
  const engineBefore = cpuSeconds(dockerd);
  const before = process.cpuUsage();
  const start = process.hrtime.bigint();
  const childCpu = await run();
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const own = process.cpuUsage(before);
  const client = childCpu ?? (own.user + own.system) / 1e6;
  const mib = statSync(OUT).size / 2 ** 20;
  console.log(`${name.padEnd(12)} wall ${wall.toFixed(2)} s  ${(mib / wall).toFixed(0)} MiB/s  client CPU ${client.toFixed(2)} s  dockerd CPU ${(cpuSeconds(dockerd) - engineBefore).toFixed(2)} s`);
}

async function main(): Promise<void> {
  const dockerd = Number(readFileSync(PIDFILE, 'utf8'));
  const rounds = Number(process.argv[2] ?? 3);
  for (let r = 0; r < rounds; r++) {
    await probe('docker save', async () => cliSave(), dockerd);
    await probe('node pipe', nodeSave, dockerd);
  }
  const engine = testEngine();
  const throughModem = async (): Promise<undefined> => {
    const archive = await dialEngine<NodeJS.ReadableStream>(engine.api, { method: 'GET', path: '/images/get', query: { names: [BENCH_IMAGE] }, stream: true, ok: [200] });
    await pipeline(archive, createWriteStream(OUT, { highWaterMark: 1 << 20 }));
    return undefined;
  };
  await probe('node pipe', nodeSave, dockerd);
  await probe('dockerode', throughModem, dockerd);
  await probe('node pipe', nodeSave, dockerd);
  rmSync(OUT, { force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
