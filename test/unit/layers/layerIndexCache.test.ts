import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayerIndexCache } from '../../../src/engine/layers/LayerIndexCache';
import type { LayerEntry } from '../../../src/engine/layers/LayerEntry';

const DIFF = `sha256:${'ab'.repeat(32)}`;

function entries(n: number): LayerEntry[] {
  return Array.from({ length: n }, (_, i) =>
    i % 7 === 0 ? { path: `d/${i}`, kind: 'symlink' as const, size: 0, mode: 0o777, uid: 0, gid: 0, link: `../t "${i}"\n` } : { path: `d/f ${i}.txt`, kind: 'file' as const, size: i, mode: 0o644, uid: 1000, gid: 1000 },
  );
}

function withCache(body: (cache: LayerIndexCache, dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowage-layer-index-'));
    try {
      await body(new LayerIndexCache(dir), dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('an index of many lines comes back entry for entry', withCache(async (cache) => {
  const written = entries(5_001);
  await cache.put(DIFF, written);
  assert.deepEqual(await cache.get(DIFF), written);
  await cache.put(DIFF, []);
  assert.deepEqual(await cache.get(DIFF), []);
}));

test('a large index is written and read a line at a time: never one JSON text of the whole index', withCache(async (cache) => {
  // One JSON text of 300,000 entries (22.7 MB) froze the extension host for 0.3 s writing and 0.5 s reading.
  const written = entries(20_000);
  const { parse, stringify } = JSON;
  let largest = 0;
  JSON.parse = ((text: string, ...rest: []) => ((largest = Math.max(largest, text.length)), parse(text, ...rest))) as typeof JSON.parse;
  JSON.stringify = ((value: unknown, ...rest: []) => {
    const out = stringify(value, ...rest);
    largest = Math.max(largest, out?.length ?? 0);
    return out;
  }) as typeof JSON.stringify;
  let whole = 0;
  try {
    await cache.put(DIFF, written);
    assert.equal((await cache.get(DIFF))?.length, written.length);
  } finally {
    JSON.parse = parse;
    JSON.stringify = stringify;
    whole = stringify(written).length;
  }
  assert.ok(largest > 0 && largest <= whole / 8, `the largest JSON text was ${largest} characters, of ${whole} for the whole index`);
}));

test('a file cut short, garbled, of another layer or of the old form counts as absent', withCache(async (cache, dir) => {
  await cache.put(DIFF, entries(4_500));
  const file = join(dir, readdirSync(dir).find((n) => n.endsWith('.jsonl'))!);
  const whole = readFileSync(file, 'utf8');
  const lines = whole.split('\n');
  writeFileSync(file, lines.slice(0, 2).join('\n') + '\n');
  assert.equal(await cache.get(DIFF), undefined, 'a line missing');
  writeFileSync(file, whole.slice(0, whole.length - 40));
  assert.equal(await cache.get(DIFF), undefined, 'cut in a line');
  writeFileSync(file, [lines[0], '{"not": "a line of entries"}', ...lines.slice(2)].join('\n'));
  assert.equal(await cache.get(DIFF), undefined, 'a line that is not entries');
  writeFileSync(file, whole.replace(DIFF, `sha256:${'cd'.repeat(32)}`));
  assert.equal(await cache.get(DIFF), undefined, 'another layer');
  writeFileSync(file, JSON.stringify({ diffId: DIFF, entries: entries(3) }));
  assert.equal(await cache.get(DIFF), undefined, 'the old form');
  writeFileSync(file, whole);
  assert.equal((await cache.get(DIFF))?.length, 4_500, 'whole again');
}));
