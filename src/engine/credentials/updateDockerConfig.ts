import { randomBytes } from 'node:crypto';
import { mkdir, open, realpath, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dockerConfigDir } from './dockerConfigDir';
import { readDockerConfig } from './readDockerConfig';
import type { CredentialOptions, DockerConfigFile } from './types';

/** One chain of updates per file, so two logins in this process never lose each other's write. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Reads config.json, lets `change` edit it in place, and writes it back only if
 * `change` returns true. Every key Stowage does not know is kept. The write is
 * atomic (a temp file in the same folder, fsync, rename), so the CLI never reads
 * half a file, and the file ends up 0600, as the CLI leaves it: it may hold secrets.
 */
export function updateDockerConfig(options: CredentialOptions, change: (config: DockerConfigFile) => boolean): Promise<boolean> {
  const file = join(dockerConfigDir(options), 'config.json');
  const run = async (): Promise<boolean> => {
    const { path, config } = await readDockerConfig(options);
    if (!change(config)) return false;
    await writeAtomically(path, JSON.stringify(config, null, '\t'));
    return true;
  };
  const result = (queues.get(file) ?? Promise.resolve()).then(run);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return result;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  // The CLI writes through a symlinked config.json to its target; so do we.
  const target = await realpath(path).catch(() => path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.config.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      // The umask cannot widen 0600, but an inherited ACL default could: set it outright.
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw new Error(`Could not write the docker config ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  // Make the rename itself durable; not every filesystem lets a folder be fsynced, and that is fine.
  const folder = await open(dir, 'r').catch(() => undefined);
  if (folder) await folder.sync().catch(() => {}).finally(() => folder.close());
}
