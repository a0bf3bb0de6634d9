import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigContendedError } from './ConfigContendedError';
import { dockerConfigDir } from './dockerConfigDir';
import { readDockerConfig } from './readDockerConfig';
import type { CredentialOptions, DockerConfigFile } from './types';
import { writeConfigIfUnchanged } from './writeConfigIfUnchanged';

/**
 * How long config.json must stay untouched after our write before we trust it.
 * The docker CLI reads the whole file when it starts and writes its copy back at
 * the end, without a lock: `docker login` here holds its copy 50–180 ms. A CLI
 * that read the file before our write and saves after it throws our change away;
 * within this window we see that and redo it.
 */
const QUIET_MS = 300;
/** However busy the file, stop watching after this long. */
const SETTLE_LIMIT_MS = 3_000;
/** Writes of one change, at most, before saying plainly that it does not stick. */
const ATTEMPTS = 8;
const POLL_MS = 10;

/** One chain of writes per file, so two updates in this process never lose each other's write. */
const queues = new Map<string, Promise<unknown>>();
/**
 * The last texts this process wrote to each file (their digests), numbered: a later update of ours
 * may undo an earlier one (two logins to one registry), and the later one wins, as
 * if they ran in turn. Several, since a reader may see one that a newer write has
 * already replaced.
 */
const ownWrites = new Map<string, { readonly generation: number; readonly digest: string }[]>();
/** Digests, not texts: a config.json may be large, and a burst of logins long. */
const OWN_WRITES_KEPT = 1024;
let generations = 0;

/**
 * Reads config.json, lets `change` edit it in place, and writes it back only if
 * `change` returns true. Every key Stowage does not know is kept; the write is
 * atomic and the file stays 0600 (writeConfigIfUnchanged). `change` says whether
 * the file still needs it, so it doubles as the check that the change held:
 * after writing, the file is watched until it has been quiet for a while, and
 * whenever another program's write undid the change, it is redone on that
 * program's content (bounded, with a little jitter so two redoers drift apart).
 * Rejects with ConfigContendedError when it could not make the change stick.
 */
export async function updateDockerConfig(options: CredentialOptions, change: (config: DockerConfigFile) => boolean): Promise<boolean> {
  const file = join(dockerConfigDir(options), 'config.json');
  let wrote = false;
  let attempts = 0;
  // A write found raced (someone wrote meanwhile) is not counted as an attempt, but the rounds are bounded too.
  let generation = 0;
  for (let round = 0; round < ATTEMPTS * 3 && attempts < ATTEMPTS; round++) {
    const outcome = await queued(file, () => writeOnce(file, options, change));
    if (outcome === 'unneeded' && !wrote) return false;
    if (typeof outcome === 'number') {
      wrote = true;
      attempts++;
      generation = outcome;
    }
    if (outcome !== 'raced' && (await heldUntilQuiet(file, options, change, generation))) return true;
    await jitter();
  }
  throw new ConfigContendedError(file, attempts);
}

/** The generation of the write, or why there was none. */
async function writeOnce(file: string, options: CredentialOptions, change: (config: DockerConfigFile) => boolean): Promise<number | 'unneeded' | 'raced'> {
  const { path, config, text } = await readDockerConfig(options);
  if (!change(config)) return 'unneeded';
  const written = JSON.stringify(config, null, '\t');
  // Known as ours before the rename, not after: a watcher that reads the file
  // between the rename and the folder's fsync must not take our own write for
  // another program's (on a slow disk that window is long, and every update of a
  // busy burst would redo itself until it gave up).
  const generation = ++generations;
  const kept = ownWrites.get(file) ?? [];
  const own = { generation, digest: digestOf(written) };
  kept.push(own);
  ownWrites.set(file, kept.slice(-OWN_WRITES_KEPT));
  let renamed = false;
  try {
    renamed = await writeConfigIfUnchanged(path, written, text);
  } finally {
    if (!renamed) forget(file, own);
  }
  return renamed ? generation : 'raced';
}

function forget(file: string, own: { readonly generation: number; readonly digest: string }): void {
  const kept = ownWrites.get(file);
  if (kept) ownWrites.set(file, kept.filter((k) => k !== own));
}

function digestOf(text: string | undefined): string {
  return createHash('sha256').update(text ?? '').digest('hex');
}

/**
 * Watches the file until it has been unchanged for QUIET_MS; false as soon as
 * another program's write undid the change. A later write of this process that
 * undid it is no reason to redo: the later update wins.
 */
async function heldUntilQuiet(file: string, options: CredentialOptions, change: (config: DockerConfigFile) => boolean, generation: number): Promise<boolean> {
  const holds = async () => {
    const { config, text } = await readDockerConfig(options);
    if (!change(config)) return true;
    const digest = digestOf(text);
    return (ownWrites.get(file) ?? []).some((own) => own.generation > generation && own.digest === digest);
  };
  const started = Date.now();
  let seen = await signature(file);
  let quietSince = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const now = await signature(file);
    if (now !== seen) {
      seen = now;
      quietSince = Date.now();
      if (!(await holds())) return false;
    }
    if (Date.now() - quietSince >= QUIET_MS || Date.now() - started >= SETTLE_LIMIT_MS) return holds();
  }
}

/** Changes with every write, renames included (a new inode). */
async function signature(file: string): Promise<string> {
  try {
    const s = await stat(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw err;
  }
}

function jitter(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 25));
}

function queued<T>(file: string, run: () => Promise<T>): Promise<T> {
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
