import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ArchiveError } from './ArchiveError';
import { TarFormatError, TarWalker, type TarEntry } from './TarWalker';
import { unsafeArchivePath } from './unsafeArchivePath';

export interface ArchiveImage {
  /** The image's config file in the archive (`<id>.json`); absent in the legacy format. */
  readonly config?: string;
  readonly repoTags: readonly string[];
  readonly layers: readonly string[];
}

export interface ArchiveSummary {
  readonly path: string;
  /** Size of the file on disk. */
  readonly bytes: number;
  readonly gzip: boolean;
  /** `manifest` (docker save since 1.10) or `legacy` (`repositories` and layer folders only). */
  readonly format: 'manifest' | 'legacy';
  readonly images: readonly ArchiveImage[];
}

const GZIP_MAGIC = [0x1f, 0x8b];
const OTHER_COMPRESSIONS: Array<[string, number[]]> = [
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

/**
 * Limits that bound this check's memory and time whatever the file holds (with
 * TarWalker's 1 MiB per metadata entry). docker save writes three or four
 * entries per layer and one per image, and short names, so real archives stay
 * far below them.
 */
const MAX_ENTRIES = 100_000;
/** Linux's PATH_MAX less its NUL: the engine could not unpack a longer name. */
const MAX_NAME_BYTES = 4095;
/** All entries' names together: each is checked, and those of files kept to match manifest.json against. */
const MAX_NAMES_BYTES = 16 * 1024 * 1024;
/** manifest.json and repositories: 4 MiB is some 50,000 layer references. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** What a gzip archive may hold after the tar's end marker and still have its trailer checked (tar pads to 10 KiB records). */
const MAX_AFTER_END_BYTES = 1024 * 1024;

/** Ends the decompression once the tar's end marker is read: what follows is not part of the archive. */
class TarEnded extends Error {}

/**
 * Decides, without the engine, whether a file is an image archive `docker load`
 * can take, so a wrong file is refused before anything is sent. Reads only tar
 * headers: a plain tar by jumping from header to header (a few KB of a 1 GiB
 * file), a gzip one by decompressing as a stream (nothing kept). Checks every
 * header's checksum, that no entry runs past the end, the end-of-archive marker,
 * and that manifest.json's configs and layers are all in the archive. Refuses
 * entries, links and manifest paths that are absolute or climb out with `../`.
 * Memory stays bounded (the limits above) and time is one pass over the tar: a
 * header refused ends the check there.
 */
export async function checkImageArchive(path: string, signal?: AbortSignal): Promise<ArchiveSummary> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new ArchiveError(path, err.code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${err.code ?? err.message})`);
  });
  if (!info.isFile()) throw new ArchiveError(path, `${path} is not a file`);
  if (info.size === 0) throw new ArchiveError(path, `${path} is not an image archive: the file is empty`);

  const names = new Set<string>();
  const kept = new Map<string, Buffer>();
  let entries = 0;
  let namesBytes = 0;
  const walker = new TarWalker(
    (entry: TarEntry, content?: Buffer) => {
      if (++entries > MAX_ENTRIES) {
        throw new ArchiveError(path, `${path} is not an image archive: it holds more than ${MAX_ENTRIES.toLocaleString('en-US')} entries (docker save writes three or four per layer)`);
      }
      const nameBytes = Buffer.byteLength(entry.name);
      if (nameBytes > MAX_NAME_BYTES) {
        throw new ArchiveError(path, `${path} cannot be loaded: the entry at byte ${entry.offset} has a name of ${nameBytes.toLocaleString('en-US')} bytes, longer than a path can be (${MAX_NAME_BYTES.toLocaleString('en-US')})`);
      }
      namesBytes += nameBytes;
      if (namesBytes > MAX_NAMES_BYTES) {
        throw new ArchiveError(path, `${path} is not an image archive: the names of its entries add up to more than ${MAX_NAMES_BYTES / 1024 / 1024} MiB`);
      }
      const unsafe = unsafeArchivePath(entry.name);
      if (unsafe) throw new ArchiveError(path, `${path} cannot be loaded: the entry ${show(entry.name)} at byte ${entry.offset} ${unsafe}`);
      if (entry.link !== undefined) {
        // A symlink's target starts at its own folder; a hard link's at the archive's top.
        const from = entry.type === '2' ? entry.name.split('/').slice(0, -1).join('/') : '';
        const unsafeLink = unsafeArchivePath(entry.link, from);
        if (unsafeLink) throw new ArchiveError(path, `${path} cannot be loaded: the link ${show(entry.name)} at byte ${entry.offset} points to ${show(entry.link)}, which ${unsafeLink}`);
      }
      if (entry.type === '5') return;
      names.add(entry.name.replace(/\/$/, ''));
      if (content) kept.set(entry.name, content);
    },
    (name) => name === 'manifest.json' || name === 'repositories',
    MAX_MANIFEST_BYTES,
  );

  const magic = await readStart(path, 8);
  const gzip = GZIP_MAGIC.every((b, i) => magic[i] === b);
  const other = OTHER_COMPRESSIONS.find(([, bytes]) => bytes.every((b, i) => magic[i] === b));
  if (other) {
    throw new ArchiveError(path, `${path} is compressed with ${other[0]}; Stowage loads plain or gzip-compressed image archives: decompress it first`);
  }

  try {
    if (gzip) await walkGzip(path, walker, signal);
    else await walkPlain(path, info.size, walker, signal);
    walker.end();
  } catch (err) {
    if (err instanceof TarFormatError && err.kind === 'limit') throw new ArchiveError(path, `${path} cannot be loaded: ${err.message}`);
    if (err instanceof TarFormatError) {
      // A first header that is not one means this was never a tar; later, a tar that broke.
      const inside = gzip ? ' inside its gzip compression' : '';
      if (err.offset === 0 && names.size === 0) {
        throw new ArchiveError(path, `${path} is not an image archive: it is not a tar file${inside} (${err.message})`);
      }
      throw new ArchiveError(path, `${path} is a damaged archive${inside}: ${err.message}`);
    }
    if ((err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
      throw new ArchiveError(path, `${path} is a damaged gzip file: ${(err as Error).message}`);
    }
    throw err;
  }

  const manifest = kept.get('manifest.json');
  if (manifest) return { path, bytes: info.size, gzip, format: 'manifest', images: readManifest(path, manifest, names) };
  if (names.has('manifest.json')) {
    throw new ArchiveError(path, `${path} is not a usable image archive: its manifest.json is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB, too large to be real`);
  }
  if (kept.has('repositories')) {
    const layerDirs = [...names].filter((n) => /^[0-9a-f]{64}\/layer\.tar$/.test(n)).map((n) => n.slice(0, 64));
    if (layerDirs.length > 0 && layerDirs.every((d) => names.has(`${d}/json`))) {
      return { path, bytes: info.size, gzip, format: 'legacy', images: readRepositories(kept.get('repositories')!, layerDirs) };
    }
  }
  throw new ArchiveError(path, `${path} is not an image archive: no manifest.json`);
}

async function readStart(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function walkPlain(path: string, size: number, walker: TarWalker, signal?: AbortSignal): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    let pos = 0;
    while (pos < size && !walker.finished) {
      signal?.throwIfAborted();
      const skip = Math.min(walker.skippable(), size - pos);
      if (skip > 0) {
        walker.skip(skip);
        pos += skip;
        continue;
      }
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) break;
      walker.write(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

async function walkGzip(path: string, walker: TarWalker, signal?: AbortSignal): Promise<void> {
  let after = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      try {
        if (walker.finished) {
          // Past the end marker the bytes are only read through, so that a gzip cut short
          // (its trailer missing) is still seen as damaged; bounded, since a crafted file
          // could follow its tar with gigabytes of zeros.
          after += chunk.length;
          return done(after > MAX_AFTER_END_BYTES ? new TarEnded() : undefined);
        }
        walker.write(chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), createGunzip(), sink, { signal }).catch((err: unknown) => {
    if (!(err instanceof TarEnded)) throw err;
  });
}

function readManifest(path: string, content: Buffer, names: Set<string>): ArchiveImage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.toString('utf8'));
  } catch (err) {
    throw new ArchiveError(path, `${path} is a damaged image archive: manifest.json is not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new ArchiveError(path, `${path} is a damaged image archive: manifest.json lists no images`);
  return parsed.map((item: unknown, i) => {
    const m = item as { Config?: unknown; RepoTags?: unknown; Layers?: unknown };
    if (typeof m?.Config !== 'string' || !Array.isArray(m.Layers) || !m.Layers.every((l) => typeof l === 'string')) {
      throw new ArchiveError(path, `${path} is a damaged image archive: image ${i + 1} of manifest.json has no Config or Layers`);
    }
    for (const file of [m.Config, ...(m.Layers as string[])]) {
      const unsafe = unsafeArchivePath(file);
      if (unsafe) throw new ArchiveError(path, `${path} cannot be loaded: manifest.json names ${show(file)} (image ${i + 1}), which ${unsafe}`);
      if (!names.has(file.replace(/^(\.\/)+/, ''))) throw new ArchiveError(path, `${path} is a damaged image archive: manifest.json names ${file}, which is not in the archive`);
    }
    const repoTags = Array.isArray(m.RepoTags) ? m.RepoTags.filter((t): t is string => typeof t === 'string') : [];
    return { config: m.Config, repoTags, layers: m.Layers as string[] };
  });
}

/** Legacy `repositories`: `{"name": {"tag": "<top layer id>"}}`. */
function readRepositories(content: Buffer, layerDirs: string[]): ArchiveImage[] {
  let parsed: Record<string, Record<string, string>> = {};
  try {
    parsed = JSON.parse(content.toString('utf8')) as typeof parsed;
  } catch {
    // An unreadable `repositories` only loses the names; the layers still load.
  }
  const repoTags = Object.entries(parsed ?? {}).flatMap(([repo, tags]) => Object.keys(tags ?? {}).map((t) => `${repo}:${t}`));
  return [{ repoTags, layers: layerDirs.map((d) => `${d}/layer.tar`) }];
}

/** A name from the archive as a message shows it: quoted, control characters escaped, long ones cut. */
function show(name: string): string {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
}
