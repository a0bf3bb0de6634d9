import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import type { Engine } from '../../../src/engine/Engine';
import { TarWalker, type TarEntry } from '../../../src/engine/images/TarWalker';
import { BASE_IMAGE, buildBusyboxImage } from '../../support/testEngine';

/** The docker CLI matching the engine: the reference tool, used by tests only, argv arrays only. */
export const DOCKER_CLI = '/usr/bin/docker';

export async function docker(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(DOCKER_CLI, args, { maxBuffer: 16 * 1024 * 1024 });
}

/** A small image on the shared base with one layer of its own (random bytes), so removing it really removes data. */
export async function buildUniqueImage(engine: Engine, tag: string, bytes = 200_000): Promise<string> {
  return buildBusyboxImage(engine, tag, { base: BASE_IMAGE, files: { 'unique.bin': randomBytes(bytes) } });
}

export async function imageIdOrUndefined(engine: Engine, ref: string): Promise<string | undefined> {
  try {
    return (await engine.api.getImage(ref).inspect()).Id;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

/**
 * What the engine has that a test could have changed: images named in `namespace`
 * or with one of `ids`. Other engineers' tests run against the same engine, so the
 * whole list is not stable; this part of it is.
 */
export async function imagesTouching(engine: Engine, namespace: string, ids: string[]): Promise<string[]> {
  const all = await engine.api.listImages({ all: true });
  return all
    .filter((i) => ids.includes(i.Id) || (i.RepoTags ?? []).some((t) => t.startsWith(`${namespace}/`)))
    .map((i) => `${i.Id} ${[...(i.RepoTags ?? [])].sort().join(',')}`)
    .sort();
}

/** Entries of a plain tar file with their header offsets (walked with the product's walker, already unit-tested). */
export async function tarEntries(path: string, keep: (name: string) => boolean = () => false): Promise<Array<{ entry: TarEntry; content?: Buffer }>> {
  const seen: Array<{ entry: TarEntry; content?: Buffer }> = [];
  const walker = new TarWalker((entry, content) => seen.push({ entry, content }), keep);
  walker.write(await readFile(path));
  walker.end();
  return seen;
}

/** Runs a command in a container through the Engine API and waits for it to exit; returns its exit code. */
export async function execIn(container: Dockerode.Container, cmd: string[]): Promise<number> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.resume();
  });
  return (await exec.inspect()).ExitCode ?? -1;
}

/** The engine's recorded events for one container between two moments (seconds, fractional), e.g. `pause`. */
export async function containerEvents(engine: Engine, container: string, since: number, until: number, events: string[]): Promise<string[]> {
  const stream = (await engine.api.getEvents({ since, until, filters: { container: [container], event: events } })) as unknown as NodeJS.ReadableStream;
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { Action: string }).Action);
}

/** GET http://host/ until it answers (the server in a fresh container takes a moment to listen). */
export async function httpGetWhenUp(host: string, attempts = 200): Promise<{ status: number; body: string }> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await new Promise((resolve, reject) => {
        const req = get({ host, port: 80, path: '/', timeout: 2000 }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
      });
    } catch (err) {
      last = err;
      // Polling a condition (the port accepting connections), not sleeping for a guessed time.
      await delay(25);
    }
  }
  throw new Error(`http://${host}/ never answered: ${(last as Error)?.message}`);
}
