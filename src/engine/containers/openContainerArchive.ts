import type { IncomingMessage } from 'node:http';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { dialEngine } from '../images/dialEngine';

/** What the engine says of a path in a container (`X-Docker-Container-Path-Stat`). */
export interface ContainerPathStat {
  readonly name: string;
  readonly size: number;
  /** Go's FileMode: permission bits plus type bits (folder 1<<31, symlink 1<<27). */
  readonly mode: number;
  readonly linkTarget: string;
}

const GO_DIR = 2 ** 31;
const GO_SYMLINK = 2 ** 27;

export function statIsFolder(stat: ContainerPathStat): boolean {
  return Math.floor(stat.mode / GO_DIR) % 2 === 1;
}

export function statIsSymlink(stat: ContainerPathStat): boolean {
  return Math.floor(stat.mode / GO_SYMLINK) % 2 === 1;
}

/**
 * A container path is absolute, and is sent to the engine as it is: refused here when
 * empty, relative or holding a NUL, before any engine call.
 */
export function requireContainerPath(path: string): void {
  if (typeof path !== 'string' || !path.startsWith('/')) throw new EngineError(`A path in a container must be absolute (start with /): ${JSON.stringify(path)}`, 'badRequest', 'read a container path');
  if (path.includes('\0')) throw new EngineError(`A path in a container cannot hold a NUL character: ${JSON.stringify(path)}`, 'badRequest', 'read a container path');
}

/**
 * `GET /containers/{id}/archive?path=…`: the path (the image's layers and the writable
 * layer, as the container sees them; running or not, no shell needed) as a tar
 * stream, with the engine's stat of it. The caller reads or destroys the stream.
 */
export async function openContainerArchive(engine: Engine, container: string, path: string, operation: string, signal?: AbortSignal): Promise<{ stat: ContainerPathStat; tar: IncomingMessage }> {
  requireContainerPath(path);
  const tar = await engine.call(operation, (docker) =>
    dialEngine<IncomingMessage>(docker, { method: 'GET', path: `/containers/${encodeURIComponent(container)}/archive`, query: { path }, stream: true, ok: [200], signal }),
  );
  try {
    return { stat: pathStatOf(tar, operation), tar };
  } catch (err) {
    tar.destroy();
    throw err;
  }
}

/** `HEAD /containers/{id}/archive?path=…`: the engine's stat of one path, no content. */
export async function statContainerPath(engine: Engine, container: string, path: string): Promise<ContainerPathStat> {
  requireContainerPath(path);
  const operation = `look at ${path} in container ${container.slice(0, 12)}`;
  const answer = await engine.call(operation, (docker) =>
    dialEngine<IncomingMessage>(docker, { method: 'HEAD', path: `/containers/${encodeURIComponent(container)}/archive`, query: { path }, stream: true, ok: [200] }),
  );
  try {
    return pathStatOf(answer, operation);
  } finally {
    answer.destroy();
  }
}

function pathStatOf(answer: IncomingMessage, operation: string): ContainerPathStat {
  const header = answer.headers['x-docker-container-path-stat'];
  try {
    return JSON.parse(Buffer.from(String(header), 'base64').toString('utf8')) as ContainerPathStat;
  } catch {
    throw new EngineError(`Could not ${operation}: the engine's answer has no readable path stat`, 'engine', operation);
  }
}
