import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Engine } from '../../src/engine/Engine';
import { listImages } from '../../src/engine/listImages';
import { buildImageTreeInSlices } from '../../src/model/buildImageTree';
import type { Slicing } from '../../src/model/runInSlices';
import { eachBounded, tagMany } from '../../test/support/manyTags';
import { buildBusyboxImage, ensureBaseImage, testEngine } from '../../test/support/testEngine';
import { BENCH_LABEL } from './benchImage';
import { alternate, fmt, median, table } from './benchStats';

/**
 * Issue 9, defect 3: the Images view with 10,000 tags on one image, and with 10,000
 * tags over 1,000 images, made through the Engine API (bounded concurrency), labelled,
 * measured, then removed. Per scenario, in one run: the refresh as the view does it
 * (listing + tree built in slices) beside the raw `GET /images/json`; the heap growth
 * of one refresh (its result kept); the longest block of the event loop during the
 * refreshes. Targets: ≤ 1.3× raw, ≤ 50 MiB, ≤ 50 ms.
 */
const ROUNDS = 15;
const REPO = 'stowage-bench/tags';
const slicing: Slicing = { now: () => performance.now(), pause: () => new Promise((r) => setImmediate(r)), sliceMs: 10 };
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function rawImagesJson(socketPath: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/images/json', method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const refresh = async (engine: Engine) => buildImageTreeInSlices(await listImages(engine), 'repository', slicing);

/** Longest event-loop delay while `run` runs, in ms (1 ms resolution). */
async function longestBlock(run: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await run();
  h.disable();
  return h.max / 1e6;
}

async function measure(engine: Engine, scenario: string) {
  const socketPath = engine.endpoint.socketPath!;
  const all = await listImages(engine);
  const tags = all.reduce((n, i) => n + i.repoTags.length, 0);
  const contenders = { stowage: () => refresh(engine), raw: () => rawImagesJson(socketPath) };
  await alternate(3, contenders);
  const times = await alternate(ROUNDS, contenders);
  const m = { stowage: median(times.stowage), raw: median(times.raw) };
  const blockStowage = await longestBlock(async () => {
    for (let i = 0; i < 5; i++) await refresh(engine);
  });
  const blockRaw = await longestBlock(async () => {
    for (let i = 0; i < 5; i++) await rawImagesJson(socketPath);
  });
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = await refresh(engine);
  const growthMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  if (!kept.repositories.length) throw new Error('no repositories listed');
  console.log(`${scenario}: ${all.length} images, ${tags} tags in the engine; ${ROUNDS} alternating rounds, medians`);
  console.log(
    table([
      { contender: 'stowage (list + tree)', median: fmt(m.stowage), 'vs raw': (m.stowage / m.raw).toFixed(2) + '×', 'longest block': fmt(blockStowage) },
      { contender: 'raw GET /images/json', median: fmt(m.raw), 'vs raw': '1.00×', 'longest block': fmt(blockRaw) },
    ]),
  );
  console.log(`  heap growth of one refresh (result kept): ${growthMiB.toFixed(1)} MiB`);
  return { scenario, images: all.length, tags, stowageMs: m.stowage, rawMs: m.raw, ratioVsRaw: m.stowage / m.raw, heapGrowthMiB: growthMiB, longestBlockMs: blockStowage, rawLongestBlockMs: blockRaw };
}

async function oneImageManyTags(engine: Engine) {
  const id = await buildBusyboxImage(engine, `${REPO}-one:base`, { base: 'stowage-test/busybox:latest', extra: ['LABEL scenario=one-image'], labels: { [BENCH_LABEL]: '1' } });
  try {
    const t0 = performance.now();
    await tagMany(engine, id, Array.from({ length: 9_999 }, (_, i) => `${REPO}-one:t${i}`), 16);
    console.log(`tagged one image 10,000 times in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return await measure(engine, '10,000 tags on one image');
  } finally {
    // One call takes the image and all its names.
    await engine.api.getImage(id).remove({ force: true });
  }
}

async function manyImages(engine: Engine) {
  const base = await buildBusyboxImage(engine, `${REPO}-many:base`, { base: 'stowage-test/busybox:latest', labels: { [BENCH_LABEL]: '1' } });
  const c = await engine.api.createContainer({ Image: base, Cmd: ['/bin/true'], Labels: { [BENCH_LABEL]: '1' } });
  const ids: string[] = [];
  try {
    const t0 = performance.now();
    const n = Array.from({ length: 1_000 }, (_, i) => i);
    await eachBounded(n, 8, async (i) => {
      // Each commit with its own label is a distinct image at almost no cost.
      const res = (await c.commit({ repo: `${REPO}-many${i % 100}`, tag: `i${i}-t0`, changes: [`LABEL ${BENCH_LABEL}=1 n=${i}`] } as never)) as unknown as { Id: string };
      ids.push(res.Id);
      await tagMany(engine, res.Id, Array.from({ length: 9 }, (_, t) => `${REPO}-many${i % 100}:i${i}-t${t + 1}`), 1);
    });
    console.log(`made 1,000 images with 10 tags each in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return await measure(engine, '10,000 tags over 1,000 images');
  } finally {
    await c.remove({ force: true });
    let failed = 0;
    await eachBounded(ids, 8, async (id) => void (await engine.api.getImage(id).remove({ force: true }).catch(() => failed++)));
    await engine.api.getImage(base).remove({ force: true }).catch(() => failed++);
    if (failed) console.error(`${failed} bench images could not be removed: the next run removes them first`);
  }
}

/**
 * Removes what an earlier run of this bench left (killed, or its cleanup refused by a
 * full disk): thousands of leftover names slow every listing on the shared engine, and
 * would be counted in this run's figures.
 */
async function removeLeftovers(engine: Engine): Promise<void> {
  const left = (await listImages(engine)).filter((i) => i.repoTags.some((t) => t.startsWith(`${REPO}-`)));
  if (!left.length) return;
  // Children first: an image committed from another one cannot go before it.
  left.sort((a, b) => (a.parentId ? 0 : 1) - (b.parentId ? 0 : 1));
  let failed = 0;
  await eachBounded(left, 8, async (i) => void (await engine.api.getImage(i.id).remove({ force: true }).catch(() => failed++)));
  console.log(`removed ${left.length - failed} images left by an earlier run${failed ? `; ${failed} could not be removed` : ''}`);
}

async function main(): Promise<void> {
  const engine = testEngine();
  await ensureBaseImage(engine);
  await removeLeftovers(engine);
  // STOWAGE_BENCH_SCENARIO=one|many runs one scenario alone (the second takes minutes to set up).
  const only = process.env.STOWAGE_BENCH_SCENARIO;
  const results = [];
  if (only !== 'many') results.push(await oneImageManyTags(engine));
  if (only !== 'one') results.push(await manyImages(engine));
  for (const r of results) {
    console.log(`BENCH ${JSON.stringify({ bench: 'images-tree', ...r, targets: { ratioVsRaw: 1.3, heapGrowthMiB: 50, longestBlockMs: 50 } })}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
