import { lstat, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { partialFileWriter } from './partialFileName';

/**
 * Removes the temporary files of saves into `folder` whose writer is gone (the
 * process was killed before it could clean up; a killed save of a large image
 * left 126 MB behind). Only files named as partialFileName names them, only
 * regular files of this user, and only when their writer is surely gone: no
 * process has its pid, or the one that has it started after the file was last
 * written (the pid was reused). A live writer may hold its pid for as long as it
 * likes, so anything uncertain is left. Returns what it removed.
 */
export async function removeStalePartials(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = partialFileWriter(name);
    if (pid === undefined) continue;
    const path = join(folder, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile() || (process.getuid && info.uid !== process.getuid())) continue;
    if (await writerMayBeAlive(pid, info.mtimeMs)) continue;
    if (await unlink(path).then(() => true, () => false)) removed.push(path);
  }
  return removed;
}

async function writerMayBeAlive(pid: number, lastWrite: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, someone else's.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  const started = await processStart(pid);
  // A second's margin: start times are kept in clock ticks, file times in nanoseconds.
  return started === undefined || started < lastWrite + 1000;
}

/** When process `pid` started (ms since the epoch), from Linux's /proc; undefined elsewhere. */
async function processStart(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'latin1');
    // Field 22 (starttime, in USER_HZ ticks since boot) counted after the ")" that ends the command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootLine = /^btime (\d+)$/m.exec(await readFile('/proc/stat', 'latin1'));
    if (!bootLine || !Number.isFinite(ticks)) return undefined;
    // USER_HZ is 100 on every Linux that userspace sees.
    return Number(bootLine[1]) * 1000 + ticks * 10;
  } catch {
    return undefined;
  }
}
