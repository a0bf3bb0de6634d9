import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { indexImageArchive, readImageArchive } from '../../../src/engine/layers/indexImageArchive';
import { END, entry, tarOf } from '../images/tarFixture';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A classic `docker save` export: layer folders named by IDs that say nothing of the
 * stacking order (here the lower layer's folder sorts first, the upper one's after
 * it), manifest.json last.
 */
function classicExport() {
  const lower = tarOf({ 'data/big.bin': Buffer.alloc(200_000, 1), 'data/note': 'lower' });
  const upper = tarOf({ 'data/top.bin': Buffer.alloc(300_000, 2) });
  const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: [`sha256:${sha(lower)}`, `sha256:${sha(upper)}`] } }));
  const manifest = Buffer.from(JSON.stringify([{ Config: `${sha(config)}.json`, RepoTags: ['x:1'], Layers: ['aaaa/layer.tar', 'bbbb/layer.tar'] }]));
  const archive = Buffer.concat([entry('aaaa/layer.tar', lower), entry('bbbb/layer.tar', upper), entry(`${sha(config)}.json`, config), entry('manifest.json', manifest), END]);
  return { archive, lowerEnd: 512 + lower.length };
}

/** The archive in 4 KiB chunks, counting how far it was read. */
function reader(archive: Buffer) {
  const seen = { bytes: 0 };
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < archive.length; i += 4096) {
      seen.bytes = Math.min(i + 4096, archive.length);
      yield archive.subarray(i, i + 4096);
    }
  }
  return { chunks: chunks(), seen };
}

test("a file's layer recognised by its index: its bytes as soon as that layer has gone by, the rest of the export unread", async () => {
  const { archive, lowerEnd } = classicExport();
  const index = await indexImageArchive(reader(archive).chunks, 'the test export');
  const lower = index.layers[0].index.entries;
  const { chunks, seen } = reader(archive);
  const found = await readImageArchive(chunks, 'the test export', undefined, { path: 'data/big.bin', maxBytes: 1 << 20, layer: lower });
  assert.ok(Buffer.isBuffer(found), 'the file itself, not the indexed image');
  assert.deepEqual(found, Buffer.alloc(200_000, 1));
  // The upper layer's 300,000 bytes, the config and the manifest are not read.
  assert.ok(seen.bytes >= lowerEnd && seen.bytes < lowerEnd + 4096, `read ${seen.bytes} bytes, the lower layer ends at ${lowerEnd}, the export at ${archive.length}`);
});

test("a layer that only starts like the wanted one is not taken for it; then the manifest decides", async () => {
  const { archive } = classicExport();
  const index = await indexImageArchive(reader(archive).chunks, 'the test export');
  const lower = index.layers[0].index.entries;
  // The wanted index says one more entry: no blob of this export is exactly it.
  const longer = [...lower, { path: 'data/more', kind: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0 }];
  const { chunks, seen } = reader(archive);
  const found = await readImageArchive(chunks, 'the test export', undefined, { path: 'data/big.bin', maxBytes: 1 << 20, layer: longer });
  assert.ok(!Buffer.isBuffer(found));
  assert.equal(seen.bytes, archive.length);
  assert.deepEqual(found.layers[0].content, Buffer.alloc(200_000, 1));
});
