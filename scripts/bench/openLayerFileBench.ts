import { forgetViewModules, sessionOf, shipped } from './viewHost';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as LayerFileSystemModule from '../../src/views/images/LayerFileSystem';
import type * as LayersCacheModule from '../../src/views/images/imageLayersCache';
import { uniqueName } from '../../test/support/testEngine';
import { BIG_BYTES, BIG_FILE, buildLayerBenchImage } from './layerBenchImage';
import { alternate, median, table } from './benchStats';

/**
 * Issue 12: opening one 100 MB file from a lower layer, as the editor asks the
 * stowage-layer file system for it (LayerFileSystem.readFile), beside the docker
 * CLI doing the same in the same run: `docker save IMAGE | tar -xO <layer>/layer.tar
 * | tar -xO <file>`. Two ways Stowage meets it: the image's layer indexes known (the
 * view has opened the image, or they are in the disk cache: the layer is recognised
 * in the export and the rest of it need not be read), and nothing known (a fresh
 * extension host with no cache: the whole export is read). Target: at most 1.2× the
 * pipeline's time, and less where the indexes are known. Beside them the raw export
 * to nowhere, and when its first byte comes: Engine 20.10 writes the whole export to a
 * folder of its own before it sends a byte, which no reader can skip.
 */
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 5);
const TARGET = 1.2;

function pipeline(image: string, layerTar: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', 'docker save "$1" | tar -xO "$2" | tar -xO "$3" | wc -c', 'bench', image, layerTar, BIG_FILE], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`the docker save | tar pipeline exited ${code}`))));
  });
}

/** The export read from the socket and thrown away, with when its first byte came: the engine's own part. */
function rawExport(socketPath: string, ref: string): Promise<{ firstByteMs: number; bytes: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: 'GET', path: `/images/${encodeURIComponent(ref)}/get` }, (res) => {
      let firstByteMs = -1;
      let bytes = 0;
      res.on('data', (d: Buffer) => {
        if (firstByteMs < 0) firstByteMs = performance.now() - t;
        bytes += d.length;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve({ firstByteMs, bytes }) : reject(new Error(`export answered ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function fileSystem(cacheDir: string | undefined) {
  forgetViewModules();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const cache = require('../../src/views/images/imageLayersCache') as typeof LayersCacheModule;
  const fsModule = require('../../src/views/images/LayerFileSystem') as typeof LayerFileSystemModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (cacheDir) cache.setLayerIndexFolder(cacheDir);
  return { cache, fsModule };
}

async function main(): Promise<void> {
  const engine = new shipped.Engine(shipped.resolveEndpoint({ env: process.env }));
  const load = loadavg()[0];
  const image = await buildLayerBenchImage(engine, uniqueName('stowage-bench/open-file'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'stowage-bench-layer-cache-'));
  try {
    const manifest = JSON.parse(execFileSync('bash', ['-o', 'pipefail', '-c', 'docker save "$1" | tar -xO manifest.json', 'bench', image.tag], { encoding: 'utf8' })) as Array<{ Layers: string[] }>;
    const layerTar = manifest[0].Layers[image.bigLayer];
    const diffId = image.diffIds[image.bigLayer];
    const session = sessionOf(engine) as never;
    // The file system asks for the session of the engine a URI names (none here: the main one).
    const sessionOfUri = async () => session;
    // The view opened the image once: its indexes are on disk.
    await fileSystem(cacheDir).cache.imageLayers(engine, image.id);
    const open = async (cacheFolder: string | undefined) => {
      const { fsModule } = fileSystem(cacheFolder);
      const bytes = await new fsModule.LayerFileSystem(sessionOfUri).readFile(fsModule.layerFileUri(image.id, diffId, BIG_FILE, BIG_BYTES));
      if (bytes.length !== BIG_BYTES) throw new Error(`Stowage read ${bytes.length} bytes of /${BIG_FILE}, expected ${BIG_BYTES}`);
    };
    const firstByte: number[] = [];
    const times = await alternate(ROUNDS, {
      raw: async () => firstByte.push((await rawExport(engine.endpoint.socketPath!, image.tag)).firstByteMs),
      cli: async () => {
        const n = await pipeline(image.tag, layerTar);
        if (n !== BIG_BYTES) throw new Error(`the pipeline gave ${n} bytes, expected ${BIG_BYTES}`);
      },
      known: () => open(cacheDir),
      unknown: () => open(undefined),
    });
    const m = { cli: median(times.cli), known: median(times.known), unknown: median(times.unknown), raw: median(times.raw), firstByte: median(firstByte) };
    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`/${BIG_FILE} (${BIG_BYTES.toLocaleString('en-US')} bytes) in layer ${image.bigLayer} of ${image.diffIds.length} (${layerTar}); ${ROUNDS} alternating rounds, medians; load average ${load.toFixed(2)}`);
    console.log(
      table([
        { how: 'docker save | tar -xO layer.tar | tar -xO file', median: f(m.cli), 'vs CLI': '1.00×', target: '' },
        { how: 'raw GET /images/{id}/get to nowhere', median: f(m.raw), 'vs CLI': `${(m.raw / m.cli).toFixed(2)}×`, target: `(first byte after ${f(m.firstByte)})` },
        { how: 'Stowage, the image\u2019s layer indexes known (cache)', median: f(m.known), 'vs CLI': `${(m.known / m.cli).toFixed(2)}×`, target: `<= ${TARGET}×: ${m.known <= TARGET * m.cli ? 'met' : 'NOT met'}; ${(m.known / m.unknown).toFixed(2)}× nothing cached` },
        { how: 'Stowage, nothing cached (whole export read)', median: f(m.unknown), 'vs CLI': `${(m.unknown / m.cli).toFixed(2)}×`, target: `<= ${TARGET}×: ${m.unknown <= TARGET * m.cli ? 'met' : 'NOT met'}` },
      ]),
    );
    const met = m.known <= TARGET * m.cli && m.unknown <= TARGET * m.cli;
    console.log(`BENCH ${JSON.stringify({ bench: 'openLayerFile', rounds: ROUNDS, loadAverage: load, bytes: BIG_BYTES, times, ratioKnown: m.known / m.cli, ratioUnknown: m.unknown / m.cli, firstByteMs: firstByte, targetsMet: met })}`);
    if (!met) process.exitCode = 1;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    await image.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
