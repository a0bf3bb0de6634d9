import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmdirSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tiny filesystem of the test's own, to fill up: a tmpfs mounted on a fresh folder. */
export interface SmallDisk {
  readonly dir: string;
  /** Bytes in use on it now (statfs), so a test can see that space came back. */
  used(): number;
  /** Unmounts and removes the folder. Safe to call twice. */
  remove(): void;
}

const PREFIX = 'stowage-small-disk-';
let counter = 0;

/** Mounts a tmpfs of `bytes` (rounded up to pages); unmounts first what runs that died left. */
export function mountSmallDisk(bytes: number): SmallDisk {
  removeDeadDisks();
  const dir = join(tmpdir(), `${PREFIX}${process.pid}-${counter++}`);
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmdirSync(dir);
    throw new Error(`mount -t tmpfs on ${dir} failed: ${(r.stderr || r.error?.message || '').trim()} (needs root and util-linux's mount)`);
  }
  let mounted = true;
  return {
    dir,
    used: () => {
      const s = statfsSync(dir);
      return (s.blocks - s.bfree) * s.bsize;
    },
    remove: () => {
      if (!mounted) return;
      const u = spawnSync('umount', [dir], { encoding: 'utf8' });
      if (u.status !== 0) throw new Error(`umount ${dir} failed: ${u.stderr.trim()}`);
      mounted = false;
      rmdirSync(dir);
    },
  };
}

function removeDeadDisks(): void {
  const mounted = new Set(
    readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ')[4]),
  );
  for (const name of readdirSync(tmpdir())) {
    const owner = new RegExp(`^${PREFIX}(\\d+)-\\d+$`).exec(name)?.[1];
    if (!owner || Number(owner) === process.pid || isAlive(Number(owner))) continue;
    const dir = join(tmpdir(), name);
    if (mounted.has(dir)) spawnSync('umount', ['-l', dir]);
    try {
      rmdirSync(dir);
    } catch {
      // Not empty means not ours to remove.
    }
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
