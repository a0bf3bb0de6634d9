import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Engine } from '../Engine';
import { EngineError, toEngineError } from '../EngineError';
import { isPodman } from '../isPodman';
import type { ByteProgress } from './ByteProgress';
import { checkImageArchive, type ArchiveSummary } from './checkImageArchive';
import { dialEngine } from './dialEngine';
import { readLoadAnswer, type LoadAnswer } from './readLoadAnswer';
import { trackBytes } from './trackBytes';

export interface LoadOptions {
  /**
   * Ask the engine for no per-layer progress lines (default true): progress here is
   * the bytes read from the file, which is known exactly and needs no parsing.
   */
  readonly quiet?: boolean;
  readonly onProgress?: (update: ByteProgress) => void;
  readonly signal?: AbortSignal;
}

export interface LoadResult extends LoadAnswer {
  readonly archive: ArchiveSummary;
}

/**
 * `docker load -i`: first makes sure the file is an image archive (checkImageArchive;
 * nothing is sent otherwise), then streams it to `POST /images/load` as it is read.
 * A gzip file goes as is and the engine decompresses it: for the 1 GiB benchmark
 * image that loaded in 5.3–6.1 s against 8.7–10.4 s decompressing in this process
 * (medians of 5 in two runs of `saveLoadBench --gzip`), and it costs the extension
 * host no CPU.
 * Returns the names and IDs the engine says it loaded.
 */
export async function loadImages(engine: Engine, sourcePath: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { signal } = options;
  const operation = `load images from ${sourcePath}`;
  const cancelled = () => new EngineError(`Cancelled: ${operation}.`, 'cancelled', operation);
  if (signal?.aborted) throw cancelled();

  let archive: ArchiveSummary;
  try {
    archive = await checkImageArchive(sourcePath, signal);
  } catch (err) {
    if (signal?.aborted) throw cancelled();
    throw err;
  }

  // Podman 4.3's load reads only plain tar ("payload does not match any of the supported
  // image formats") where Docker decompresses gzip itself, so for Podman a gzip file is
  // decompressed here as it is sent. Progress still counts the file's bytes.
  const gunzip = archive.gzip && (await isPodman(engine)) ? createGunzip() : undefined;
  if (signal?.aborted) throw cancelled();
  const before = archive.format === 'legacy' ? await imagesNamed(engine, archive) : undefined;
  const source = createReadStream(sourcePath, { highWaterMark: 1024 * 1024 });
  let readError: NodeJS.ErrnoException | undefined;
  source.on('error', (err) => (readError ??= err));
  const body = gunzip ? pipeline(source, gunzip, (err) => err && (readError ??= err)) : source;
  const stopReading = () => source.destroy();
  signal?.addEventListener('abort', stopReading, { once: true });
  const progress = trackBytes(source, 'Loaded', archive.bytes, options.onProgress);
  try {
    const answer = await engine.call(operation, async (docker) => {
      const response = await dialEngine<Readable>(docker, {
        method: 'POST',
        path: '/images/load',
        query: { quiet: options.quiet === false ? '0' : '1' },
        body,
        stream: true,
        ok: [200],
        signal,
      });
      return readLoadAnswer(response, signal);
    });
    // The legacy format's load names nothing it tags (Engine 20.10 writes only a line for a
    // name it moves), so what it did is read from the engine: the archive's names, before and after.
    const legacy = archive.format === 'legacy' && !answer.error ? await legacyOutcome(engine, archive, before) : undefined;
    if (answer.error) {
      // Damage inside a layer passes the header check and only the engine sees it, by its digest.
      const damaged = /invalid diffID|unexpected EOF|archive\/tar|invalid tar header/i.test(answer.error);
      const said = damaged ? `the archive is damaged; the engine says: ${answer.error}` : answer.error;
      // The engine loads image by image, so those before the failure are in.
      const partial = [...answer.references, ...answer.ids];
      const outcome = partial.length > 0 ? `Loaded before the failure: ${partial.join(', ')}.` : 'No image was loaded from it.';
      throw new EngineError(`Could not ${operation}: ${said}. ${outcome}`, 'engine', operation, undefined, answer.error);
    }
    progress.finish();
    return legacy ? { ...answer, ...legacy, archive } : { ...answer, archive };
  } catch (err) {
    if (signal?.aborted) throw cancelled();
    if (readError) throw new Error(`Could not read ${sourcePath}: ${readError.code ?? readError.message}`);
    throw toEngineError(err, operation, engine.endpoint.url);
  } finally {
    signal?.removeEventListener('abort', stopReading);
    source.destroy();
    gunzip?.destroy();
  }
}

/** The image each of the archive's names points to now (undefined: no such name). */
async function imagesNamed(engine: Engine, archive: ArchiveSummary): Promise<Map<string, string | undefined>> {
  const names = new Map<string, string | undefined>();
  for (const reference of archive.images.flatMap((i) => i.repoTags)) {
    const id = await engine.call(`inspect ${reference}`, (docker) => docker.getImage(reference).inspect().then((i) => i.Id)).catch((err: unknown) => {
      if ((err as { kind?: string }).kind === 'notFound') return undefined;
      throw err;
    });
    names.set(reference, id);
  }
  return names;
}

async function legacyOutcome(engine: Engine, archive: ArchiveSummary, before: Map<string, string | undefined> | undefined): Promise<Omit<LoadAnswer, 'error'>> {
  const after = await imagesNamed(engine, archive);
  const references = [...after].filter(([, id]) => id !== undefined).map(([r]) => r);
  const ids = [...new Set([...after.values()].filter((id): id is string => id !== undefined))];
  const moved = [...after].filter(([r, id]) => id !== undefined && before?.get(r) !== undefined && before.get(r) !== id).map(([reference]) => ({ reference, from: before!.get(reference)! }));
  return { references, ids, moved };
}
