import { request } from 'node:http';
import type { Engine } from '../../src/engine/Engine';
import { listImages } from '../../src/engine/listImages';
import { buildImageTree } from '../../src/model/buildImageTree';
import { buildScratchImage, startSecondEngine } from '../../test/support/secondEngine';
import { testEngine, uniqueName } from '../../test/support/testEngine';
import { fmt, median, table } from './benchStats';

/**
 * Two engines pinned side by side: the Images view lists both at once, each on its own
 * connection (its row's listing: engine call plus tree model). Beside it, in the same
 * rounds, the raw `GET /images/json` of both engines at once. Each engine's ratio is its
 * own listing's median over its own raw call's: target ≤ 1.3× for each. The second
 * engine is a real dockerd of the bench's own, with one image under TAGS tags.
 */
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 30);
const TAGS = Number(process.env.STOWAGE_BENCH_TAGS ?? 500);

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

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const main = testEngine();
  const second = await startSecondEngine('twolist');
  try {
    const other = second.engine();
    const repo = `stowage-bench/${uniqueName('two')}`;
    const id = await buildScratchImage(other, `${repo}:t0`);
    for (let t = 1; t < TAGS; t++) await other.api.getImage(id).tag({ repo, tag: `t${t}` });
    const engines: { name: string; engine: Engine }[] = [
      { name: 'main engine', engine: main },
      { name: 'second engine', engine: other },
    ];
    const view = (e: Engine) => async () => buildImageTree(await listImages(e));
    const raw = (e: Engine) => () => rawImagesJson(e.endpoint.socketPath!);
    const times = engines.map(() => ({ stowage: [] as number[], raw: [] as number[] }));
    for (let round = 0; round < ROUNDS + 3; round++) {
      const order = round % 2 === 0 ? (['stowage', 'raw'] as const) : (['raw', 'stowage'] as const);
      for (const who of order) {
        // Both engines at once, as the view asks them.
        const ms = await Promise.all(engines.map(({ engine }) => timed(who === 'stowage' ? view(engine) : raw(engine))));
        // The first rounds warm up connections and code.
        if (round >= 3) ms.forEach((m, i) => times[i][who].push(m));
      }
    }
    const rows = engines.map(({ name, engine }, i) => {
      const s = median(times[i].stowage);
      const r = median(times[i].raw);
      return { engine: name, socket: engine.endpoint.socketPath!, 'Stowage (side by side)': fmt(s), 'raw GET /images/json (side by side)': fmt(r), ratio: (s / r).toFixed(2) + '×' };
    });
    const counts = await Promise.all(engines.map(async ({ engine }) => (await listImages(engine)).reduce((n, img) => n + img.repoTags.length, 0)));
    console.log(`Two engines listed at once, ${ROUNDS} alternating rounds, medians; tags: ${counts.join(' / ')}`);
    console.log(table(rows));
    const ratios = engines.map((_, i) => median(times[i].stowage) / median(times[i].raw));
    console.log(
      `BENCH ${JSON.stringify({
        bench: 'two-engines-list',
        rounds: ROUNDS,
        tags: counts,
        stowageMs: engines.map((_, i) => median(times[i].stowage)),
        rawMs: engines.map((_, i) => median(times[i].raw)),
        ratios,
        targets: { ratio: 1.3 },
      })}`,
    );
  } finally {
    await second.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
