import type { Readable } from 'node:stream';
import type { Engine } from '../Engine';
import { EngineError, toEngineError } from '../EngineError';
import { ArchiveError } from '../images/ArchiveError';
import { dialEngine } from '../images/dialEngine';
import { engineSaid } from '../images/engineSaid';
import { requireReference } from '../images/requireReference';
import type { ImageLayers } from './LayerEntry';
import { indexImageArchive } from './indexImageArchive';
import { streamChunks } from './streamChunks';

/**
 * Indexes an image's layers from the engine's export (`GET /images/{name}/get`),
 * read as it streams: nothing is written to disk and no file content is kept.
 */
export async function readImageExport(engine: Engine, reference: string, signal?: AbortSignal): Promise<ImageLayers> {
  requireReference(reference, 'image', { allowId: true });
  const operation = `read the layers of ${reference}`;
  const archive = await engine
    .call(operation, (docker) => dialEngine<Readable>(docker, { method: 'GET', path: `/images/${encodeURIComponent(reference)}/get`, stream: true, ok: [200], signal }))
    .catch((err: unknown) => {
      // Engine 20.10 says only "reference does not exist".
      if (err instanceof EngineError && err.kind === 'notFound') {
        throw new EngineError(`Could not ${operation}: the engine at ${engine.endpoint.url} has no image ${reference} (${err.engineMessage ?? err.message})`, 'notFound', operation, 404, err.engineMessage);
      }
      throw err;
    });
  // The last chunk, kept by reference: an engine failing mid-stream writes its error there.
  let last: Buffer = Buffer.alloc(0);
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of streamChunks(archive)) {
      last = chunk;
      yield chunk;
    }
  }
  try {
    return await indexImageArchive(chunks(), `the export of ${reference}`, signal);
  } catch (err) {
    archive.destroy();
    if (signal?.aborted) throw new EngineError(`Cancelled: ${operation}.`, 'cancelled', operation);
    const said = engineSaid(last);
    if (said) throw new EngineError(`Could not ${operation}: the engine stopped with an error: ${said}`, 'engine', operation, undefined, said);
    if (err instanceof ArchiveError) throw err;
    throw toEngineError(err, operation, engine.endpoint.url);
  }
}
