import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/Engine';

/** The benchmarks' shared ~1 GiB image: reused across runs, found and cleaned up by this label. */
export const BENCH_LABEL = 'stowage.bench';
export const BENCH_IMAGE = 'stowage-bench/random:1gib';

/** Four layers of 256 MiB: several layers, so push/save/load do per-layer work as with real images. */
const LAYERS = 4;
const LAYER_MIB = 256;

export interface BenchImage {
  /** The reference it is tagged as. */
  ref: string;
  /** Its image ID (sha256:…). */
  id: string;
  /** Its size as the engine reports it. */
  bytes: number;
}

/**
 * Builds (once) or reuses the benchmark image: a busybox base from Debian's static
 * busybox, since nothing can be pulled here, plus layers of random data, so no
 * compression or deduplication flatters any measurement. Built through the Engine
 * API, as everything in Stowage is.
 */
export async function ensureBenchImage(engine: Engine): Promise<BenchImage> {
  const existing = await inspect(engine);
  if (existing && existing.Config?.Labels?.[BENCH_LABEL] === '1') return describe(existing);

  if (!existsSync('/bin/busybox')) throw new Error('/bin/busybox is missing: run scripts/setup-machine.sh (busybox-static)');
  const dir = mkdtempSync(join(tmpdir(), 'stowage-bench-build-'));
  try {
    copyFileSync('/bin/busybox', join(dir, 'busybox'));
    const lines = ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox","--install","-s","/bin"]'];
    for (let i = 1; i <= LAYERS; i++) lines.push(`RUN dd if=/dev/urandom of=/blob${i} bs=1M count=${LAYER_MIB}`);
    lines.push('CMD ["/bin/sh"]');
    writeFileSync(join(dir, 'Dockerfile'), lines.join('\n') + '\n');
    await engine.call(`build the benchmark image ${BENCH_IMAGE}`, async (docker) => {
      const stream = await docker.buildImage(
        { context: dir, src: ['Dockerfile', 'busybox'] },
        { t: BENCH_IMAGE, labels: { [BENCH_LABEL]: '1' }, rm: true, forcerm: true },
      );
      await new Promise<void>((resolve, reject) => {
        docker.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string }>) => {
          const failed = err?.message ?? output.find((o) => o && o.error)?.error;
          if (failed) reject(new Error(failed));
          else resolve();
        });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const built = await inspect(engine);
  if (!built) throw new Error(`the benchmark image ${BENCH_IMAGE} was built but the engine does not know it`);
  return describe(built);
}

type Inspected = Awaited<ReturnType<ReturnType<Engine['api']['getImage']>['inspect']>>;

async function inspect(engine: Engine): Promise<Inspected | undefined> {
  try {
    return await engine.api.getImage(BENCH_IMAGE).inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

function describe(info: Inspected): BenchImage {
  return { ref: BENCH_IMAGE, id: info.Id, bytes: info.Size };
}
