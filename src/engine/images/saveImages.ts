import { createWriteStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Engine } from '../Engine';
import { EngineError, toEngineError } from '../EngineError';
import type { ByteProgress } from './ByteProgress';
import { dialEngine } from './dialEngine';
import { engineSaid } from './engineSaid';
import { estimateSaveSize } from './estimateSaveSize';
import { InputError } from './InputError';
import { partialFileName } from './partialFileName';
import { removeStalePartials } from './removeStalePartials';
import { requireReference } from './requireReference';
import { TarFormatError, TarWalker } from './TarWalker';
import { trackBytes } from './trackBytes';

export interface SaveOptions {
  /** Compress with gzip; by default when the destination ends in .gz (.tar.gz) or .tgz. */
  readonly gzip?: boolean;
  readonly onProgress?: (update: ByteProgress) => void;
  readonly signal?: AbortSignal;
}

export interface SaveResult {
  readonly path: string;
  /** Bytes written to the file. */
  readonly bytes: number;
  /** Bytes of the tar stream the engine sent (before compression). */
  readonly tarBytes: number;
  readonly gzip: boolean;
  /** Temporary files of earlier saves into the same folder whose writer had been killed, removed first. */
  readonly removedPartials: readonly string[];
}

/**
 * `docker save -o`: the named images (tags and layers shared between them stored
 * once) into one tar archive. The engine's stream goes straight to disk through
 * stream.pipeline (never held in memory), into a temporary file beside the
 * destination that is renamed over it only once complete: a failure or a cancel
 * leaves no partial file, and an existing destination is untouched until success.
 * The stream's tar structure is followed on the way, because the engine reports a
 * failure that happens mid-stream only by writing JSON into the archive.
 */
export async function saveImages(engine: Engine, references: readonly string[], destinationPath: string, options: SaveOptions = {}): Promise<SaveResult> {
  if (references.length === 0) throw new InputError('images', '', 'no images to save', 0, 0);
  references.forEach((r, i) => requireReference(r, references.length > 1 ? `image ${i + 1}` : 'image', { allowId: true }));
  if (destinationPath.trim() === '') throw new InputError('destination', destinationPath, 'a file to save to is needed', 0, 0);
  const destination = resolve(destinationPath);
  await checkDestination(destination);
  const gzip = options.gzip ?? /\.(gz|tgz)$/i.test(destination);
  const operation = `save ${references.join(', ')} to ${destination}`;
  const { signal } = options;
  if (signal?.aborted) throw new EngineError(`Cancelled: ${operation}.`, 'cancelled', operation);

  // Inspecting first finds an unknown name before any file exists, and gives the estimate.
  const estimate = await estimateSaveSize(engine, references);

  const removedPartials = await removeStalePartials(dirname(destination));
  const temp = join(dirname(destination), partialFileName(basename(destination)));
  // Opened (and so existing) before anything can fail, so the cleanup below always finds it.
  const handle = await open(temp, 'wx').catch((err: NodeJS.ErrnoException) => {
    throw describeFailure(err, { operation, destination, fileError: err, url: engine.endpoint.url });
  });
  const file = createWriteStream('', { fd: handle, highWaterMark: 1024 * 1024 });
  let fileError: NodeJS.ErrnoException | undefined;
  file.on('error', (err) => (fileError ??= err));
  let tarError: TarFormatError | undefined;
  let tarTail: Buffer | undefined;
  let tarBytes = 0;
  // pipeline hands the engine stream's error on to the file stream: that one is not the file's.
  let streamError: Error | undefined;
  try {
    const archive = await engine.call(operation, (docker) =>
      dialEngine<Readable>(docker, { method: 'GET', path: '/images/get', query: { names: [...references] }, stream: true, ok: [200], signal }),
    );
    archive.on('error', (err) => (streamError ??= err));
    const walker = new TarWalker(() => {});
    // The last two chunks, kept by reference: where the engine's error text would be.
    let previous: Buffer = Buffer.alloc(0);
    let last: Buffer = Buffer.alloc(0);
    const tail = () => Buffer.concat([previous, last]).subarray(-4096);
    const stages = gzip ? [archive, createGzip(), file] : [archive, file];
    const done = pipeline(stages as [Readable, NodeJS.WritableStream], { signal });
    archive.on('data', (chunk: Buffer) => {
      try {
        previous = last;
        last = chunk;
        walker.write(chunk);
      } catch (err) {
        tarError = err as TarFormatError;
        tarTail = tail();
        archive.destroy(tarError);
      }
    });
    const progress = trackBytes(archive, gzip ? 'Saved (before compression)' : 'Saved', estimate, options.onProgress, true);
    await done;
    tarBytes = progress.bytes();
    try {
      walker.end();
    } catch (err) {
      tarError = err as TarFormatError;
      tarTail = tail();
      throw tarError;
    }
    // No fsync, as `docker save -o`: the rename alone is what keeps a half file from the user.
    await rename(temp, destination);
    progress.finish();
  } catch (err) {
    file.destroy();
    await unlink(temp).catch(() => {});
    const ownFileError = fileError && fileError !== streamError ? fileError : undefined;
    throw describeFailure(err, { operation, destination, signal, fileError: ownFileError, streamError, tarError, tarTail, url: engine.endpoint.url });
  }
  return { path: destination, bytes: (await stat(destination)).size, tarBytes, gzip, removedPartials };
}

async function checkDestination(destination: string): Promise<void> {
  const dir = dirname(destination);
  const dirInfo = await stat(dir).catch(() => undefined);
  if (!dirInfo?.isDirectory()) throw new InputError('destination', destination, `the folder ${dir} does not exist`, 0, dir.length);
  const existing = await stat(destination).catch(() => undefined);
  if (existing?.isDirectory()) throw new InputError('destination', destination, 'it is a folder; give a file name such as images.tar', 0, destination.length);
}

function describeFailure(
  err: unknown,
  ctx: {
    operation: string;
    destination: string;
    signal?: AbortSignal;
    fileError?: NodeJS.ErrnoException;
    streamError?: Error;
    tarError?: TarFormatError;
    tarTail?: Buffer;
    url: string;
  },
): Error {
  if (ctx.signal?.aborted) return new EngineError(`Cancelled: ${ctx.operation}. Nothing was written.`, 'cancelled', ctx.operation);
  if (ctx.fileError) {
    const e = ctx.fileError;
    const why = e.code === 'ENOSPC' ? 'the disk is full' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code ?? e.message;
    return new Error(`Could not save to ${ctx.destination}: ${why}. Nothing was written.`);
  }
  if (ctx.streamError && !ctx.tarError) {
    const code = (ctx.streamError as NodeJS.ErrnoException).code;
    const why = code ?? ctx.streamError.message;
    return new EngineError(
      `Could not ${ctx.operation}: the connection to the engine at ${ctx.url} dropped in the middle of the archive (${why}). Nothing was written.`,
      'unreachable',
      ctx.operation,
    );
  }
  if (ctx.tarError) {
    const said = engineSaid(ctx.tarError.block) ?? engineSaid(ctx.tarTail);
    const message = said
      ? `Could not ${ctx.operation}: the engine stopped with an error: ${said}. Nothing was written.`
      : `Could not ${ctx.operation}: the engine's archive stream broke off (${ctx.tarError.message}). Nothing was written.`;
    return new EngineError(message, 'engine', ctx.operation, undefined, said);
  }
  return toEngineError(err, ctx.operation, ctx.url);
}
