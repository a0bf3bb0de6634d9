import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { TarFormatError, TarWalker } from '../images/TarWalker';
import { MAX_OPEN_BYTES } from '../layers/readLayerFile';
import { openContainerArchive, statIsFolder } from './openContainerArchive';

/**
 * The bytes of one regular file of a container as the container sees it (its image's
 * layers under its writable layer), through the engine's archive endpoint: no shell,
 * no exec, works on a stopped container. Kept in memory for the editor, so at most
 * MAX_OPEN_BYTES; a symlink is followed by the engine only when it is the last part
 * of the path (as `docker cp` does), so a link is reported as a link.
 */
export async function readContainerFile(engine: Engine, container: string, path: string, signal?: AbortSignal): Promise<Buffer> {
  const operation = `read ${path} in container ${container.slice(0, 12)}`;
  const { stat, tar } = await openContainerArchive(engine, container, path, operation, signal);
  try {
    if (statIsFolder(stat)) throw new EngineError(`Could not ${operation}: it is a folder`, 'badRequest', operation);
    if (stat.size > MAX_OPEN_BYTES) {
      throw new EngineError(`Could not ${operation}: it holds ${stat.size.toLocaleString('en-US')} bytes, more than the ${MAX_OPEN_BYTES / 1024 / 1024} MiB Stowage opens (Copy Out copies it)`, 'badRequest', operation);
    }
    let content: Buffer | undefined;
    let first: { type: string; name: string; link?: string } | undefined;
    const walker = new TarWalker(
      (entry, kept) => {
        if (first) return;
        first = entry;
        content = kept;
      },
      () => first === undefined,
      MAX_OPEN_BYTES,
    );
    try {
      for await (const chunk of tar as AsyncIterable<Buffer>) {
        walker.write(chunk);
        if (walker.finished) break;
      }
      if (!walker.finished) walker.end();
    } catch (err) {
      if (err instanceof TarFormatError) {
        throw new EngineError(`Could not ${operation}: the engine's archive of it stopped short (${err.message}); the file may have changed while it was read`, 'engine', operation);
      }
      throw err;
    }
    if (!first) throw new EngineError(`Could not ${operation}: the engine's archive of it is empty`, 'engine', operation);
    if (first.type === '2') throw new EngineError(`Could not ${operation}: it is a symbolic link to ${first.link}; open that file`, 'badRequest', operation);
    if (first.type !== '0' && first.type !== '7') throw new EngineError(`Could not ${operation}: it is not a regular file (tar type ${first.type})`, 'badRequest', operation);
    return content ?? Buffer.alloc(0);
  } finally {
    tar.destroy();
  }
}
