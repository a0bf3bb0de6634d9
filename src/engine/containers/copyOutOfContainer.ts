import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { TarFormatError, TarWalker, type ContentSink, type TarEntry } from '../images/TarWalker';
import { unsafeArchivePath } from '../images/unsafeArchivePath';
import { openContainerArchive, requireContainerPath } from './openContainerArchive';

export interface CopyOutResult {
  /** Where the copy is, or undefined when the user kept what was there. */
  readonly target?: string;
  readonly files: number;
  readonly bytes: number;
  /** Entries not copied: devices, FIFOs, sockets (a workspace has no use for them). */
  readonly skipped: readonly string[];
}

/**
 * Copies a file or folder out of a container (its image's layers under its writable
 * layer, through `GET /containers/{id}/archive`, no shell) into `destDir`, streamed
 * to disk as the engine sends it. Written into a hidden folder beside the target and
 * moved into place only once the whole archive has arrived: a copy that fails (the
 * container's files changed under the engine's tar writer, the engine went away) leaves
 * nothing behind. An existing target is replaced only when `confirmReplace` says so.
 * Entries that are absolute or climb out with `../` are refused; symbolic links are
 * made last, as links, so no entry is ever written through one.
 */
export async function copyOutOfContainer(
  engine: Engine,
  container: string,
  path: string,
  destDir: string,
  confirmReplace: (target: string) => Promise<boolean>,
  signal?: AbortSignal,
): Promise<CopyOutResult> {
  requireContainerPath(path);
  if (path.replace(/\/+$/, '') === '') throw new EngineError('Copy Out copies a file or folder inside the container, not its whole filesystem (/)', 'badRequest', 'copy out of a container');
  if (!isAbsolute(destDir)) throw new EngineError(`The folder to copy into must be an absolute path: ${JSON.stringify(destDir)}`, 'badRequest', 'copy out of a container');
  let destIsDir = false;
  try {
    destIsDir = statSync(destDir).isDirectory();
  } catch {
    destIsDir = false;
  }
  if (!destIsDir) throw new EngineError(`The folder to copy into does not exist or is not a folder: ${destDir}`, 'badRequest', 'copy out of a container');

  const operation = `copy ${path} out of container ${container.slice(0, 12)}`;
  const { stat, tar } = await openContainerArchive(engine, container, path, operation, signal);
  const name = stat.name;
  const fail = (why: string) => new EngineError(`Could not ${operation}: ${why}`, 'badRequest', operation);
  const temp = join(destDir, `.stowage-copy-${randomBytes(6).toString('hex')}`);
  let tempMade = false;
  try {
    if (!name || name.includes('/') || name === '.' || name === '..') throw fail(`the engine names it ${JSON.stringify(name)}, which is not a file name`);
    const target = join(destDir, name);
    if (exists(target) && !(await confirmReplace(target))) return { files: 0, bytes: 0, skipped: [] };

    mkdirSync(temp, { mode: 0o700 });
    tempMade = true;
    const { files, bytes, skipped } = await unpackCopy(tar as AsyncIterable<Buffer>, name, temp, operation, signal);
    const copied = join(temp, name);
    if (!exists(copied)) throw fail('the engine sent an archive without it; nothing was copied');
    if (exists(target)) {
      // Confirmed above (or it appeared meanwhile: asked again). Moved aside, then removed, so a failure in between loses nothing.
      if (!(await confirmReplace(target))) return { files: 0, bytes: 0, skipped: [] };
      const aside = join(temp, '.replaced');
      renameSync(target, aside);
      renameSync(copied, target);
    } else {
      renameSync(copied, target);
    }
    return { target, files, bytes, skipped };
  } finally {
    tar.destroy();
    if (tempMade) rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Writes the engine's tar of `name` under `temp`, refusing absolute and `../` entries,
 * entries outside `name`, and hard links that climb out; files are created exclusively
 * (never over an existing path) and symbolic links made only after every other entry,
 * so nothing is written through one.
 */
export async function unpackCopy(tar: AsyncIterable<Buffer>, name: string, temp: string, operation: string, signal?: AbortSignal): Promise<{ files: number; bytes: number; skipped: string[] }> {
  const fail = (why: string) => new EngineError(`Could not ${operation}: ${why}`, 'badRequest', operation);
    const links: Array<{ kind: 'hard' | 'sym'; at: string; to: string }> = [];
    const skipped: string[] = [];
    let files = 0;
    let bytes = 0;
    const placed = (entry: TarEntry): string => {
      const why = unsafeArchivePath(entry.name);
      if (why) throw fail(`the archive entry ${JSON.stringify(entry.name)} ${why}; nothing was copied`);
      const rel = entry.name.replace(/\/+$/, '');
      if (rel !== name && !rel.startsWith(`${name}/`)) throw fail(`the archive entry ${JSON.stringify(entry.name)} is outside ${name}; nothing was copied`);
      return join(temp, rel);
    };
    const walker = new TarWalker(
      () => {},
      () => false,
      0,
      (entry): ContentSink | undefined => {
        const at = placed(entry);
        const mode = (entry.mode ?? 0o644) & 0o777;
        if (entry.type === '5') {
          mkdirSync(at, { recursive: true, mode: mode | 0o700 });
          return undefined;
        }
        if (entry.type === '2' || entry.type === '1') {
          if (entry.type === '1') {
            const why = unsafeArchivePath(entry.link ?? '');
            if (why || !entry.link) throw fail(`the hard link ${JSON.stringify(entry.name)} points to ${JSON.stringify(entry.link)}, which ${why ?? 'is empty'}; nothing was copied`);
          }
          links.push({ kind: entry.type === '1' ? 'hard' : 'sym', at, to: entry.link ?? '' });
          return undefined;
        }
        if (entry.type !== '0' && entry.type !== '7') {
          skipped.push(entry.name);
          return undefined;
        }
        mkdirSync(join(at, '..'), { recursive: true });
        // wx: never over an existing path, even one the archive named twice.
        const fd = openSync(at, 'wx', mode | 0o600);
        files++;
        return {
          write(chunk) {
            writeSync(fd, chunk);
            bytes += chunk.length;
          },
          end() {
            closeSync(fd);
          },
        };
      },
    );
    try {
      for await (const chunk of tar) {
        signal?.throwIfAborted();
        walker.write(chunk);
      }
      walker.end();
    } catch (err) {
      if (err instanceof TarFormatError) throw new EngineError(`Could not ${operation}: the engine's archive stopped short (${err.message}); its files may have changed while they were copied. Nothing was copied.`, 'engine', operation);
      throw err;
    }
    // Hard links first: their targets are real files, reached through real folders only.
    for (const l of links) if (l.kind === 'hard') linkSync(join(temp, l.to), l.at);
    for (const l of links) if (l.kind === 'sym') symlinkSync(l.to, l.at);

    return { files, bytes, skipped };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
