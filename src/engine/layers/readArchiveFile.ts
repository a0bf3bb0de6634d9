import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { ArchiveError } from '../images/ArchiveError';
import type { ImageLayers } from './LayerEntry';
import { indexImageArchive } from './indexImageArchive';

/** Indexes the layers of an image archive file (`docker save` output, plain or gzip), with no engine. */
export async function readArchiveFile(path: string, signal?: AbortSignal): Promise<ImageLayers> {
  const head = Buffer.alloc(2);
  const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new ArchiveError(path, err.code === 'ENOENT' ? `${path} does not exist` : err.code === 'EISDIR' ? `${path} is a folder, not an image archive` : `${path} cannot be read (${err.code ?? err.message})`);
  });
  try {
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    if (bytesRead === 0) throw new ArchiveError(path, `${path} is not an image archive: the file is empty`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw new ArchiveError(path, `${path} is a folder, not an image archive`);
    throw err;
  } finally {
    await fh.close();
  }
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const source = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (err) => source.destroy(err));
  try {
    return await indexImageArchive(source, path, signal);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (gzip && !(err instanceof ArchiveError) && (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')) throw new ArchiveError(path, `${path} is a damaged gzip file: ${(err as Error).message}`);
    throw err;
  } finally {
    file.destroy();
    source.destroy();
  }
}
