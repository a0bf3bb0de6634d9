import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { listImages } from '../../src/engine/listImages';
import { buildImageTree } from '../../src/model/buildImageTree';
import { ensureBaseImage, testEngine } from '../../test/support/testEngine';
import { alternate, fmt, median, table } from './benchStats';

/**
 * Refresh of the Images view (engine call plus tree model) with 1,000 tags over 200
 * images, beside the raw `GET /images/json` and `docker image ls --format '{{json .}}'`,
 * in one run. Targets: ≤ 1.3× the raw call, ≤ 0.6× the CLI.
 */
const IMAGES = 200;
const TAGS_PER_IMAGE = 5;
const ROUNDS = 30;
const REPO = 'stowage-bench/list';

async function seed(engine: ReturnType<typeof testEngine>): Promise<void> {
  const existing = await engine.api.listImages({ filters: { reference: [`${REPO}*`] } as never });
  const tags = existing.reduce((n, i) => n + (i.RepoTags ?? []).filter((t) => t.startsWith(`${REPO}`)).length, 0);
  if (tags >= IMAGES * TAGS_PER_IMAGE) return;
  process.stdout.write(`seeding ${IMAGES} images × ${TAGS_PER_IMAGE} tags (once per engine)…\n`);
  await ensureBaseImage(engine);
  const c = await engine.api.createContainer({ Image: 'stowage-test/busybox:latest', Cmd: ['/bin/true'], Labels: { 'stowage.bench': '1' } });
  try {
    for (let i = 0; i < IMAGES; i++) {
      // Each commit with its own label is a distinct image (a distinct ID) at almost no cost.
      const repo = `${REPO}${i % 20}`;
      const res = (await c.commit({ repo, tag: `img${i}-t0`, changes: [`LABEL stowage.bench=1 n=${i}`] } as never)) as unknown as { Id: string };
      for (let t = 1; t < TAGS_PER_IMAGE; t++) await engine.api.getImage(res.Id).tag({ repo, tag: `img${i}-t${t}` });
    }
  } finally {
    await c.remove({ force: true });
  }
}

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

async function main(): Promise<void> {
  const engine = testEngine();
  await seed(engine);
  const socketPath = engine.endpoint.socketPath!;
  const all = await listImages(engine);
  const totalTags = all.reduce((n, i) => n + i.repoTags.length, 0);
  const docker = (await promisify(execFile)('sh', ['-c', 'command -v docker']).catch(() => ({ stdout: '' }))).stdout.trim();
  const contenders: Record<string, () => Promise<unknown>> = {
    stowage: async () => buildImageTree(await listImages(engine)),
    raw: () => rawImagesJson(socketPath),
  };
  if (docker) contenders.cli = () => promisify(execFile)(docker, ['image', 'ls', '--format', '{{json .}}'], { maxBuffer: 64 << 20 });
  await alternate(5, contenders); // warm-up
  const times = await alternate(ROUNDS, contenders);
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const rows = Object.entries(m).map(([name, ms]) => ({ contender: name, median: fmt(ms), 'vs raw': (ms / m.raw).toFixed(2) + '×', ...(m.cli ? { 'vs cli': (ms / m.cli).toFixed(2) + '×' } : {}) }));
  console.log(`Images view refresh: ${all.length} images, ${totalTags} tags in the engine; ${ROUNDS} alternating rounds, medians`);
  console.log(table(rows));
  const result = {
    bench: 'images-refresh',
    images: all.length,
    tags: totalTags,
    stowageMs: m.stowage,
    rawMs: m.raw,
    cliMs: m.cli ?? null,
    ratioVsRaw: m.stowage / m.raw,
    ratioVsCli: m.cli ? m.stowage / m.cli : null,
    targets: { ratioVsRaw: 1.3, ratioVsCli: 0.6 },
  };
  console.log(`BENCH ${JSON.stringify(result)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
