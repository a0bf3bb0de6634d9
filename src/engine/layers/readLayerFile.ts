import type { Readable } from 'node:stream';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { dialEngine } from '../images/dialEngine';
import { requireReference } from '../images/requireReference';
import type { ImageLayers, LayerEntry } from './LayerEntry';
import { readImageArchive } from './indexImageArchive';
import { sameLayerEntry } from './sameLayerEntry';

/** The most a file opened from a container may hold: it is kept in memory to hand to the editor. */
export const MAX_OPEN_BYTES = 64 * 1024 * 1024;
/**
 * The most a file opened from an image layer may hold: kept in memory too. Higher, since
 * issue 12 asks a 100 MB file of a lower layer to open (a container's files can be
 * copied out instead).
 */
export const MAX_LAYER_FILE_BYTES = 128 * 1024 * 1024;

/**
 * The bytes of one regular file as a layer stores it, streamed out of the engine's
 * image export (no container made, nothing written to disk): only that file's content
 * is kept, everything else passed over. Given the image's layer indexes (`known`, from
 * the layer index cache), the layer is recognised as it goes by and the rest of the
 * export is not read.
 */
export async function readLayerFile(engine: Engine, imageId: string, diffId: string, path: string, signal?: AbortSignal, known?: ImageLayers): Promise<Buffer> {
  requireReference(imageId, 'image', { allowId: true });
  const operation = `read /${path} from layer ${diffId.slice(0, 19)} of ${imageId}`;
  const archive = await engine.call(operation, (docker) =>
    dialEngine<Readable>(docker, { method: 'GET', path: `/images/${encodeURIComponent(imageId)}/get`, stream: true, ok: [200], signal }),
  );
  try {
    const layer = known && recognisable(known, diffId);
    const image = await readImageArchive(archive as AsyncIterable<Buffer>, `the export of ${imageId}`, signal, { path, maxBytes: MAX_LAYER_FILE_BYTES, ...(layer ? { layer } : {}) });
    if (Buffer.isBuffer(image)) return image;
    const found = image.layers.find((l) => l.diffId === diffId);
    if (!found) throw new EngineError(`Could not ${operation}: the image has no such layer`, 'notFound', operation);
    if (found.content) return found.content;
    const entry = [...found.index.entries].reverse().find((e) => e.path === path);
    if (!entry) throw new EngineError(`Could not ${operation}: the layer holds no such file`, 'notFound', operation);
    if (entry.kind === 'whiteout') throw new EngineError(`Could not ${operation}: this layer removes it; it is stored in a layer below`, 'notFound', operation);
    if (entry.kind === 'hardlink') throw new EngineError(`Could not ${operation}: it is a hard link to /${entry.link}; open that file`, 'badRequest', operation);
    if (entry.kind !== 'file') throw new EngineError(`Could not ${operation}: it is a ${entry.kind}, not a file`, 'badRequest', operation);
    if (entry.size > MAX_LAYER_FILE_BYTES) throw new EngineError(`Could not ${operation}: it holds ${entry.size.toLocaleString('en-US')} bytes, more than the ${MAX_LAYER_FILE_BYTES / 1024 / 1024} MiB Stowage opens`, 'badRequest', operation);
    return Buffer.alloc(0);
  } finally {
    archive.destroy();
  }
}

/** The entries of layer `diffId` when no other layer of the image has the same ones (else its export blob could be mistaken). */
function recognisable(image: ImageLayers, diffId: string): readonly LayerEntry[] | undefined {
  const wanted = image.layers.find((l) => l.diffId === diffId)?.index.entries;
  if (!wanted || wanted.length === 0) return undefined;
  const twin = image.layers.some((l) => l.diffId !== diffId && sameEntries(l.index.entries, wanted));
  return twin ? undefined : wanted;
}

function sameEntries(a: readonly LayerEntry[], b: readonly LayerEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameLayerEntry(a[i], b[i])) return false;
  return true;
}
