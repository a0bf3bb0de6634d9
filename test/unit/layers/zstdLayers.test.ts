import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { indexImageArchive } from '../../../src/engine/layers/indexImageArchive';
import { END, entry, tarOf } from '../images/tarFixture';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const hasZstd = typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';

/** zstd with Debian's zstd tool: the test runs on Node 20, which cannot compress it either. */
function zstd(data: Buffer): Buffer {
  return execFileSync('zstd', ['-q', '-c'], { input: data });
}

/** An OCI-layout export (index.json last) whose one layer is a zstd blob, as containerd stores may export. */
function ociWithZstdLayer(layer: Buffer): Buffer {
  const blob = zstd(layer);
  const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: [`sha256:${sha(layer)}`] }, history: [{ created_by: 'COPY hello.txt /' }] }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha(config)}`, size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: `sha256:${sha(blob)}`, size: blob.length }],
    }),
  );
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha(manifest)}`, size: manifest.length }] }));
  return Buffer.concat([
    entry('oci-layout', '{"imageLayoutVersion":"1.0.0"}'),
    entry(`blobs/sha256/${sha(blob)}`, blob),
    entry(`blobs/sha256/${sha(config)}`, config),
    entry(`blobs/sha256/${sha(manifest)}`, manifest),
    entry('index.json', index),
    END,
  ]);
}

async function* chunks(b: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += 4096) yield b.subarray(i, i + 4096);
}

test(`a zstd-compressed OCI layer on Node ${process.version}: ${hasZstd ? 'indexed like any other' : 'refused, naming the layer and the Node version'}`, async () => {
  const layer = tarOf({ 'hello.txt': 'hello\n', 'dir/big.bin': Buffer.alloc(300_000, 7) });
  const archive = ociWithZstdLayer(layer);
  if (hasZstd) {
    const image = await indexImageArchive(chunks(archive), 'the test export');
    assert.equal(image.layout, 'oci');
    assert.deepEqual(
      image.layers[0].index.entries.map((e) => [e.path, e.kind, e.size]),
      [
        ['hello.txt', 'file', 6],
        ['dir/big.bin', 'file', 300_000],
      ],
    );
  } else {
    await assert.rejects(
      indexImageArchive(chunks(archive), 'the test export'),
      (err: Error) =>
        err.message.includes(`layer sha256:${sha(layer)} cannot be read`) &&
        err.message.includes(`zstd-compressed, and this Node.js (${process.version}) has no zstd decompressor`),
    );
  }
});

test('a damaged zstd layer is named, not a crash', { skip: !hasZstd && 'this Node has no zstd' }, async () => {
  const archive = ociWithZstdLayer(tarOf({ 'a.txt': 'x'.repeat(10_000) }));
  // Past the zstd frame header: the frame's data.
  const at = archive.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])) + 12;
  for (let i = 0; i < 16; i++) archive[at + i] ^= 0xff;
  await assert.rejects(indexImageArchive(chunks(archive), 'the test export'), /compressed layer blobs\/sha256\/[0-9a-f]{64} is damaged|is damaged/);
});
