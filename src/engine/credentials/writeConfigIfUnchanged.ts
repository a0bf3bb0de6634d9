import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, realpath, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Replaces config.json with `text` atomically (a temp file in the same folder,
 * fsync, rename), so no reader ever sees half a file, and leaves it 0600, as the
 * CLI does: it may hold secrets. Just before the rename it reads the file again:
 * if it is no longer `basedOn` (undefined: there was no file), another program
 * wrote in the meantime, and renaming would throw that write away; then nothing is
 * replaced and it returns false, for the caller to redo its change on the new text.
 */
export async function writeConfigIfUnchanged(path: string, text: string, basedOn: string | undefined): Promise<boolean> {
  // The CLI writes through a symlinked config.json to its target; so do we.
  const target = await realpath(path).catch(() => path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.config.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      // The umask cannot widen 0600, but an inherited ACL default could: set it outright.
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const now = await readFile(target, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (now !== basedOn) return false;
    await rename(temp, target);
    renamed = true;
  } catch (err) {
    throw new Error(`Could not write the docker config ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    if (!renamed) await rm(temp, { force: true });
  }
  // Make the rename itself durable; not every filesystem lets a folder be fsynced, and that is fine.
  const folder = await open(dir, 'r').catch(() => undefined);
  if (folder) await folder.sync().catch(() => {}).finally(() => folder.close());
  return true;
}
