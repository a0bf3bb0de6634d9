import type { Readable } from 'node:stream';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { dialEngine } from '../images/dialEngine';
import { requireReference } from '../images/requireReference';
import { indexImageArchive } from './indexImageArchive';

/** The most a file opened from an image may hold: it is kept in memory to hand to the editor. */
export const MAX_OPEN_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of one regular file as a layer stores it, streamed out of the engine's
 * image export (no container made, nothing written to disk): only that file's content
 * is kept, everything else passed over.
 */
export async function readLayerFile(engine: Engine, imageId: string, diffId: string, path: string, signal?: AbortSignal): Promise<Buffer> {
  requireReference(imageId, 'image', { allowId: true });
  const operation = `read /${path} from layer ${diffId.slice(0, 19)} of ${imageId}`;
  const archive = await engine.call(operation, (docker) =>
    dialEngine<Readable>(docker, { method: 'GET', path: `/images/${encodeURIComponent(imageId)}/get`, stream: true, ok: [200], signal }),
  );
  try {
    const image = await indexImageArchive(archive as AsyncIterable<Buffer>, `the export of ${imageId}`, signal, { path, maxBytes: MAX_OPEN_BYTES });
    const layer = image.layers.find((l) => l.diffId === diffId);
    if (!layer) throw new EngineError(`Could not ${operation}: the image has no such layer`, 'notFound', operation);
    if (layer.content) return layer.content;
    const entry = [...layer.index.entries].reverse().find((e) => e.path === path);
    if (!entry) throw new EngineError(`Could not ${operation}: the layer holds no such file`, 'notFound', operation);
    if (entry.kind === 'whiteout') throw new EngineError(`Could not ${operation}: this layer removes it; it is stored in a layer below`, 'notFound', operation);
    if (entry.kind === 'hardlink') throw new EngineError(`Could not ${operation}: it is a hard link to /${entry.link}; open that file`, 'badRequest', operation);
    if (entry.kind !== 'file') throw new EngineError(`Could not ${operation}: it is a ${entry.kind}, not a file`, 'badRequest', operation);
    if (entry.size > MAX_OPEN_BYTES) throw new EngineError(`Could not ${operation}: it holds ${entry.size.toLocaleString('en-US')} bytes, more than the ${MAX_OPEN_BYTES / 1024 / 1024} MiB Stowage opens`, 'badRequest', operation);
    return Buffer.alloc(0);
  } finally {
    archive.destroy();
  }
}
