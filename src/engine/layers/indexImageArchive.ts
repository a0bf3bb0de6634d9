import { once } from 'node:events';
import * as zlib from 'node:zlib';
import { unsafeArchivePath } from '../images/unsafeArchivePath';
import { TarFormatError, TarWalker, type ContentSink, type TarEntry } from '../images/TarWalker';
import { ArchiveError } from '../images/ArchiveError';
import type { ImageLayer, ImageLayers, LayerEntry } from './LayerEntry';
import { layerEntryFrom } from './layerEntryFrom';
import { resolveArchiveImage } from './resolveArchiveImage';
import { sameLayerEntry } from './sameLayerEntry';

/** manifest.json, index.json, image configs: 4 MiB is far beyond any real one. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;
const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

/** Pending asynchronous work (decompression) the reader waits on before taking the next chunk. */
type Waits = Array<Promise<unknown>>;

/**
 * Reads an image export (`docker save`'s tar, either layout) as one pass over a
 * stream: every layer blob is indexed as it goes by (a nested tar walked without
 * keeping content, gzip or zstd decompressed on the way), keyed by its path in the
 * export, and only the small JSON files are kept. manifest.json or index.json, which
 * may come after the layers, then say which blobs are the image's layers and in what
 * order. Nothing is written anywhere; memory is the index (a few hundred bytes an entry).
 */
export async function indexImageArchive(source: AsyncIterable<Buffer>, label: string, signal?: AbortSignal, capture?: FileCapture): Promise<ImageLayers> {
  const found = await readImageArchive(source, label, signal, capture);
  if (Buffer.isBuffer(found)) throw new Error(`${label}: a file was captured early, but no layer index was asked to recognise its layer`);
  return found;
}

/**
 * The same pass, for one file: when `capture.layer` says which layer holds it, the
 * file's bytes as soon as that layer has gone by (the rest of the export is not
 * read); otherwise, or when no layer of the export matches, the indexed image, with
 * the file's bytes in each layer that stores it.
 */
export async function readImageArchive(source: AsyncIterable<Buffer>, label: string, signal?: AbortSignal, capture?: FileCapture): Promise<ImageLayers | Buffer> {
  const layers = new Map<string, LayerEntry[]>();
  const captured = new Map<string, Buffer>();
  const json = new Map<string, Buffer>();
  const links = new Map<string, string>();
  const unreadable = new Map<string, string>();
  const waits: Waits = [];
  const targets: Targets = { layers, json, unreadable, waits, label, capture, captured };

  const outer = new TarWalker(
    (entry) => {
      const unsafe = unsafeArchivePath(entry.name);
      if (unsafe) throw new ArchiveError(label, `${label} is not a usable image export: the entry ${JSON.stringify(entry.name)} ${unsafe}`);
      // Newer engines write a layer held twice as a symlink to the first copy.
      if (entry.type === '2' && entry.link !== undefined) links.set(entry.name, joinRelative(entry.name, entry.link));
    },
    () => false,
    0,
    (entry) => (entry.type === '0' || entry.type === '7' ? sniffingSink(entry, targets) : undefined),
  );

  try {
    for await (const chunk of source) {
      signal?.throwIfAborted();
      outer.write(chunk);
      while (waits.length > 0) await waits.shift();
      if (targets.found) return targets.found;
    }
    outer.end();
  } catch (err) {
    if (err instanceof TarFormatError) throw new ArchiveError(label, `${label} is not a readable image export: ${err.message}`);
    throw err;
  }
  if (targets.found) return targets.found;

  const image = resolveArchiveImage(json, label);
  const resolved: ImageLayer[] = image.layers.map((layer) => {
    let path = layer.path;
    for (let hops = 0; links.has(path) && hops < 8; hops++) path = links.get(path)!;
    const why = unreadable.get(path);
    if (why) throw new ArchiveError(label, `${label}: layer ${layer.diffId} cannot be read: ${why}`);
    const entries = layers.get(path);
    if (!entries) throw new ArchiveError(label, `${label} is not a complete image export: its manifest names the layer ${path}, which it does not hold`);
    const content = captured.get(path);
    return {
      diffId: layer.diffId,
      ...(layer.command === undefined ? {} : { command: layer.command }),
      index: { entries },
      ...(content === undefined ? {} : { content }),
    };
  });
  return { id: image.id, repoTags: image.repoTags, layout: image.layout, layers: resolved };
}

/** One file whose bytes to keep, from every layer that stores it (at most `maxBytes` each). */
export interface FileCapture {
  readonly path: string;
  readonly maxBytes: number;
  /**
   * The index of the layer wanted, when known (the layer index cache) and unlike every
   * other layer of the image: a layer blob whose entries are exactly these is that
   * layer, whatever the export calls it (Docker's classic layout names layer folders
   * by IDs that only manifest.json, written last, ties to diff IDs).
   */
  readonly layer?: readonly LayerEntry[];
}

interface Targets {
  capture?: FileCapture;
  captured: Map<string, Buffer>;
  layers: Map<string, LayerEntry[]>;
  json: Map<string, Buffer>;
  unreadable: Map<string, string>;
  waits: Waits;
  label: string;
  /** The captured file, once the layer `capture.layer` describes has gone by whole. */
  found?: Buffer;
}

/**
 * Decides from an entry's first bytes what it is: a JSON document (kept), a gzip or
 * zstd layer (decompressed into a tar walker) or a plain layer tar (walked as it is).
 * What the export calls the file does not matter: OCI blobs have no extension.
 */
function sniffingSink(entry: TarEntry, targets: Targets): ContentSink {
  let head: Buffer[] = [];
  let headBytes = 0;
  let inner: ContentSink | undefined;
  const decide = () => {
    const first = Buffer.concat(head);
    head = [];
    inner = chooseSink(entry, first, targets);
    if (first.length > 0) inner.write(first);
  };
  return {
    write(chunk) {
      if (inner) return inner.write(chunk);
      head.push(Buffer.from(chunk));
      headBytes += chunk.length;
      if (headBytes >= 512) decide();
    },
    end() {
      if (!inner) decide();
      inner!.end();
    },
  };
}

function chooseSink(entry: TarEntry, first: Buffer, targets: Targets): ContentSink {
  const starts = (magic: number[]) => magic.every((b, i) => first[i] === b);
  // A tar's first header says `ustar` at 257, whatever its first file is called.
  if (first.subarray(257, 262).toString('latin1') === 'ustar') return layerSink(entry.name, targets);
  if (first[0] === 0x7b || first[0] === 0x5b) return jsonSink(entry.name, targets);
  if (starts(GZIP)) return decompressingSink(entry.name, zlib.createGunzip(), targets);
  if (starts(ZSTD)) {
    const create = (zlib as unknown as { createZstdDecompress?: () => zlib.Gunzip }).createZstdDecompress;
    if (!create) {
      targets.unreadable.set(entry.name, `it is zstd-compressed, and this Node.js (${process.version}) has no zstd decompressor (Node 22.15 or later has one)`);
      return { write() {}, end() {} };
    }
    return decompressingSink(entry.name, create(), targets);
  }
  if (/(^|\/)(layer\.tar|blobs\/sha256\/[0-9a-f]{64})$/.test(entry.name)) return layerSink(entry.name, targets);
  return { write() {}, end() {} };
}

function jsonSink(name: string, targets: Targets): ContentSink {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return {
    write(chunk) {
      bytes += chunk.length;
      if (bytes <= MAX_JSON_BYTES) chunks.push(Buffer.from(chunk));
    },
    end() {
      if (bytes <= MAX_JSON_BYTES) targets.json.set(name, Buffer.concat(chunks));
    },
  };
}

/** Walks a layer tar, keeping one LayerEntry per entry and no content. */
function layerSink(name: string, targets: Targets): ContentSink & { walker: TarWalker } {
  const entries: LayerEntry[] = [];
  const wanted = targets.capture;
  const expected = wanted?.layer;
  let same = expected !== undefined;
  const walker = new TarWalker(
    (entry, content) => {
      const e = layerEntryFrom(entry);
      if (same) same = entries.length < expected!.length && sameLayerEntry(e, expected![entries.length]);
      entries.push(e);
      if (content && (entry.type === '0' || entry.type === '7')) targets.captured.set(name, content);
    },
    (entryName) => wanted !== undefined && entryName.replace(/^\/+/, '').replace(/\/+$/, '') === wanted.path,
    wanted?.maxBytes ?? 0,
  );
  const damaged = (err: unknown) =>
    err instanceof TarFormatError ? new ArchiveError(targets.label, `${targets.label}: the layer ${name} is damaged: ${err.message}`) : err;
  return {
    walker,
    write(chunk) {
      try {
        walker.write(chunk);
      } catch (err) {
        throw damaged(err);
      }
    },
    end() {
      try {
        walker.end();
      } catch (err) {
        throw damaged(err);
      }
      targets.layers.set(name, entries);
      const content = targets.captured.get(name);
      if (same && entries.length === expected!.length && content) targets.found ??= content;
    },
  };
}

function decompressingSink(name: string, stream: zlib.Gunzip, targets: Targets): ContentSink {
  const layer = layerSink(name, targets);
  let failure: unknown;
  stream.on('data', (chunk: Buffer) => {
    try {
      // After the tar's end marker a compressed layer may still hold padding: ignored.
      if (!layer.walker.finished) layer.write(chunk);
    } catch (err) {
      failure ??= err;
      stream.destroy();
    }
  });
  stream.on('error', (err) => (failure ??= new ArchiveError(targets.label, `${targets.label}: the compressed layer ${name} is damaged: ${err.message}`)));
  const settled = () => {
    if (failure) throw failure;
  };
  return {
    write(chunk) {
      settled();
      // `once` rejects with the raw zlib error; the error handler above has already named the layer.
      if (!stream.write(chunk)) targets.waits.push(Promise.race([once(stream, 'drain'), once(stream, 'close')]).then(settled, settled));
    },
    end() {
      stream.end();
      targets.waits.push(
        Promise.race([once(stream, 'end'), once(stream, 'close')]).then(
          () => {
            settled();
            layer.end();
          },
          settled,
        ),
      );
    },
  };
}

/** A symlink's target in the export, as a path from the export's top. */
function joinRelative(from: string, target: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
