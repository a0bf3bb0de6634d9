import { spawn, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, rmdirSync, writeFileSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineLog } from '../../src/engine/Engine';
import { TEST_LABEL, followStream } from './testEngine';

/**
 * Where every second engine keeps its state, one folder per engine. A folder whose
 * owner (the test process that started it) is gone belongs to a run that died, and
 * the next start takes it down.
 */
export const SECOND_ENGINES_ROOT = join(tmpdir(), 'stowage-engines');
const NETNS_DIR = '/var/run/netns';
const NAME_PREFIX = 'stw-';

/**
 * A real dockerd of the test's own, for the faults that kill, stop or restart an
 * engine: the shared engine must never be touched. It gets its own data root, exec
 * root, pid file and socket, and runs in a network namespace of its own, entered
 * with nsenter (`ip netns exec` remounts /sys and dockerd then fails). Only inside
 * that namespace is `--bridge=none` safe: in the main one it deletes docker0 and the
 * shared engine can no longer start containers. Its containers would run with
 * `--network none`; the tests here need none (images are built with COPY only).
 */
export interface SecondEngine {
  /** Unique per engine; also the network namespace's name. */
  readonly name: string;
  readonly socketPath: string;
  /** The folder holding everything of this engine. */
  readonly root: string;
  /** The dockerd's process id while it runs. */
  readonly pid: number | undefined;
  /** A Stowage Engine talking to this dockerd (a fresh one each call). */
  engine(log?: EngineLog): Engine;
  /** Starts dockerd again on the same state (after stop or kill) and waits until it answers. */
  start(): Promise<void>;
  /** Ends dockerd as a service manager does: SIGTERM, SIGKILL after `graceMs`. Waits until it and its containerd are gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to dockerd's process group and everything it started, as a crash or the OOM killer would. Waits until gone. */
  kill(): Promise<void>;
  /** Takes everything down: processes, mounts, the namespace, the folder. Safe to call twice. */
  remove(): Promise<void>;
  /** The last lines dockerd wrote to its log, for failure messages. */
  logTail(lines?: number): string;
}

let counter = 0;
const live = new Set<string>();
let exitHookInstalled = false;

/**
 * Starts a second dockerd and waits until it answers `/_ping`. `label` (lowercase
 * letters, digits, dashes) goes into the unique name, so a leftover says whose it was.
 * Takes down first what earlier runs that died left behind.
 */
export interface SecondEngineOptions {
  /** Puts the data root on a tmpfs of this many bytes: an engine that runs out of disk. */
  readonly dataRootBytes?: number;
}

export async function startSecondEngine(label: string, options: SecondEngineOptions = {}): Promise<SecondEngine> {
  if (process.getuid?.() !== 0) throw new Error('a second dockerd needs root (network namespaces, mounts)');
  for (const tool of ['dockerd', 'nsenter', 'ip', 'mount', 'umount']) requireTool(tool);
  if (!/^[a-z0-9-]{1,20}$/.test(label)) throw new Error(`second engine label ${JSON.stringify(label)}: use 1-20 of a-z, 0-9, -`);
  removeLeftovers();

  // Short: the name is also a netns file name and part of socket paths (108-byte limit).
  const name = `${NAME_PREFIX}${label}-${process.pid}-${counter++}`;
  const root = join(SECOND_ENGINES_ROOT, name);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  writeFileSync(join(root, 'owner'), String(process.pid));
  const socketPath = join(root, 'engine.sock');
  live.add(name);
  installExitHook();

  let pid: number | undefined;
  let exited: Promise<void> = Promise.resolve();
  const logFile = join(root, 'dockerd.log');

  const start = async () => {
    if (pid !== undefined) throw new Error(`second engine ${name} is already running (pid ${pid})`);
    // A killed dockerd leaves its socket and pid file; dockerd refuses a live-looking pid file.
    rmSync(socketPath, { force: true });
    rmSync(join(root, 'dockerd.pid'), { force: true });
    // Its containerd's too: a killed containerd can linger as a zombie until init reaps it,
    // and dockerd would wait for that "running" containerd instead of starting its own.
    rmSync(join(root, 'exec', 'containerd', 'containerd.pid'), { force: true });
    const out = openSync(logFile, 'a');
    const child = spawn(
      'nsenter',
      [
        `--net=${join(NETNS_DIR, name)}`,
        'dockerd',
        '--host', `unix://${socketPath}`,
        '--data-root', join(root, 'data'),
        '--exec-root', join(root, 'exec'),
        '--pidfile', join(root, 'dockerd.pid'),
        '--bridge=none',
        '--iptables=false',
        '--ip-masq=false',
        '--userland-proxy=false',
      ],
      // Its own process group (and session), so one signal reaches dockerd and what it started with it.
      { detached: true, stdio: ['ignore', out, out] },
    );
    closeSync(out);
    child.unref();
    pid = child.pid;
    let gone = false;
    exited = new Promise((resolve) => child.once('exit', () => {
      gone = true;
      pid = undefined;
      resolve();
    }));
    const until = Date.now() + 60_000;
    while (!(await pings(socketPath))) {
      if (gone) throw new Error(`second engine ${name} exited while starting; its log ends:\n${tail(logFile)}`);
      if (Date.now() > until) throw new Error(`second engine ${name} did not answer within 60 s; its log ends:\n${tail(logFile)}`);
      await pause(50);
    }
  };

  const waitGone = async (ms: number): Promise<boolean> => {
    const until = Date.now() + ms;
    // dockerd itself, and containerd and shims it started (they are not all in its group).
    while (pid !== undefined || processesUnder(root).length > 0) {
      if (Date.now() > until) return false;
      await pause(20);
    }
    await exited;
    return true;
  };

  const kill = async () => {
    if (pid !== undefined) signalGroup(pid, 'SIGKILL');
    for (const p of processesUnder(root)) signal(p, 'SIGKILL');
    if (!(await waitGone(20_000))) throw new Error(`second engine ${name}: processes still alive after SIGKILL: ${processesUnder(root).join(', ')}`);
  };

  const stop = async (graceMs = 20_000) => {
    if (pid !== undefined) signal(pid, 'SIGTERM');
    if (!(await waitGone(graceMs))) await kill();
  };

  const remove = async () => {
    if (!live.has(name)) return;
    await stop().catch(() => kill());
    tearDown(name);
    live.delete(name);
  };

  try {
    if (options.dataRootBytes !== undefined) {
      mkdirSync(join(root, 'data'));
      mustRun('mount', ['-t', 'tmpfs', '-o', `size=${options.dataRootBytes},mode=0711`, 'tmpfs', join(root, 'data')]);
    }
    mustRun('ip', ['netns', 'add', name]);
    mustRun('nsenter', [`--net=${join(NETNS_DIR, name)}`, 'ip', 'link', 'set', 'lo', 'up']);
    await start();
  } catch (err) {
    await remove();
    throw err;
  }

  return {
    name,
    socketPath,
    root,
    get pid() {
      return pid;
    },
    engine: (log?: EngineLog) => new Engine({ url: `unix://${socketPath}`, kind: 'unix', socketPath, source: `second engine ${name}` }, log),
    start,
    stop,
    kill,
    remove,
    logTail: (lines = 30) => tail(logFile, lines),
  };
}

/**
 * Builds a busybox image on `engine` from scratch with COPY only: no RUN, so no
 * container (the second engine has no network for one) and nothing from Docker Hub.
 * `payloadBytes` random bytes make it as large as a fault needs (a save long enough
 * to be killed in the middle).
 */
export async function buildScratchImage(engine: Engine, tag: string, payloadBytes = 0): Promise<string> {
  if (!existsSync('/bin/busybox')) throw new Error('/bin/busybox is missing: run scripts/setup-machine.sh (busybox-static)');
  const dir = mkdtempSync(join(tmpdir(), 'stowage-scratch-'));
  try {
    copyFileSync('/bin/busybox', join(dir, 'busybox'));
    const lines = ['FROM scratch', 'COPY busybox /bin/busybox'];
    const src = ['Dockerfile', 'busybox'];
    if (payloadBytes > 0) {
      const fd = openSync(join(dir, 'payload.bin'), 'w');
      const chunk = Buffer.alloc(1024 * 1024);
      for (let left = payloadBytes; left > 0; left -= chunk.length) {
        // Random, so neither gzip nor the engine can make it small.
        const n = Math.min(left, chunk.length);
        randomFillSync(chunk, 0, n);
        writeSync(fd, chunk, 0, n);
      }
      closeSync(fd);
      lines.push('COPY payload.bin /payload.bin');
      src.push('payload.bin');
    }
    lines.push('CMD ["/bin/busybox","sh"]');
    writeFileSync(join(dir, 'Dockerfile'), lines.join('\n') + '\n');
    const stream = await engine.api.buildImage({ context: dir, src }, { t: tag, labels: { [TEST_LABEL]: '1' }, rm: true, forcerm: true, networkmode: 'none' });
    await followStream(engine.api, stream);
    return (await engine.api.getImage(tag).inspect()).Id;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Takes down every second engine whose owner process is gone: its processes, its
 * mounts, its namespace and its folder. Also namespaces of ours with no folder (a
 * run that died between `ip netns add` and writing the folder cannot happen, as the
 * folder comes first, but a folder removed by hand can).
 */
export function removeLeftovers(): void {
  const names = new Set<string>();
  if (existsSync(SECOND_ENGINES_ROOT)) for (const n of readdirSync(SECOND_ENGINES_ROOT)) names.add(n);
  if (existsSync(NETNS_DIR)) for (const n of readdirSync(NETNS_DIR)) if (n.startsWith(NAME_PREFIX)) names.add(n);
  for (const name of names) {
    if (live.has(name)) continue;
    const ownerFile = join(SECOND_ENGINES_ROOT, name, 'owner');
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : Number(/-(\d+)-\d+$/.exec(name)?.[1]);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) continue;
    const root = join(SECOND_ENGINES_ROOT, name);
    for (const p of processesUnder(root)) signal(p, 'SIGKILL');
    waitSync(() => processesUnder(root).length === 0, 20_000);
    tearDown(name);
  }
}

/** Unmounts what dockerd mounted under the engine's folder, deletes the namespace and the folder. */
function tearDown(name: string): void {
  const root = join(SECOND_ENGINES_ROOT, name);
  // Deepest first; lazy, so a mount a dying process still holds cannot stop the cleanup.
  for (const mount of mountsUnder(root).sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', mount]);
  if (existsSync(join(NETNS_DIR, name))) mustRun('ip', ['netns', 'delete', name]);
  rmSync(root, { recursive: true, force: true });
  try {
    rmdirSync(SECOND_ENGINES_ROOT);
  } catch {
    // Another engine still lives there.
  }
  const left = mountsUnder(root);
  if (left.length > 0) throw new Error(`second engine ${name}: still mounted after cleanup: ${left.join(', ')}`);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test that failed before its `after` ran must not leave a dockerd behind.
  process.once('exit', tearDownLive);
  // Nor one interrupted (Ctrl-C, the runner's SIGTERM): clean up, then die of the same signal.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      tearDownLive();
      process.kill(process.pid, sig);
    });
  }
}

function tearDownLive(): void {
  for (const name of live) {
    const root = join(SECOND_ENGINES_ROOT, name);
    for (const p of processesUnder(root)) signal(p, 'SIGKILL');
    waitSync(() => processesUnder(root).length === 0, 10_000);
    try {
      tearDown(name);
    } catch {
      // The next start's removeLeftovers tries again.
    }
  }
  live.clear();
}

/** Processes whose command line or working folder names `root`: dockerd, its containerd, shims. */
function processesUnder(root: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(root + '/') || cmdline.includes(root + '\0') || safeReadlink(`/proc/${entry}/cwd`).startsWith(root + '/')) {
        // A zombie has an empty cmdline, so what matches is alive.
        found.push(pid);
      }
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[4].replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((mp) => mp === root || mp.startsWith(root + '/'));
}

function pings(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(socketPath)) return resolve(false);
    const req = request({ socketPath, path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    signal(pid, sig);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

function mustRun(program: string, args: string[]): void {
  const r = spawnSync(program, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr || r.error?.message || '').trim()}`);
}

function requireTool(program: string): void {
  if (spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program]).status !== 0) {
    throw new Error(`${program} is missing: run scripts/setup-machine.sh (it installs docker.io, iproute2, util-linux, mount)`);
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls a condition (never a guessed delay): used where the process is exiting and no event loop is left. */
function waitSync(cond: () => boolean, ms: number): boolean {
  const until = Date.now() + ms;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!cond()) {
    if (Date.now() > until) return false;
    Atomics.wait(cell, 0, 0, 20);
  }
  return true;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
