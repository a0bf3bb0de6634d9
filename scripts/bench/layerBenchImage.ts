import type { Engine } from '../../src/engine/Engine';
import { buildBusyboxImage, cleanup } from '../../test/support/testEngine';
import { BENCH_LABEL } from './benchImage';

/** The file a lower layer stores: 100 MB of random bytes (no compression flatters it). */
export const BIG_FILE = 'data/big.bin';
export const BIG_BYTES = 100_000_000;
/** A folder of this many entries, made by one layer. */
export const WIDE_FOLDER = 'wide';
export const WIDE_ENTRIES = 10_000;

export interface LayerBenchImage {
  tag: string;
  id: string;
  /** Bottom-up. */
  diffIds: string[];
  /** Which layer stores BIG_FILE, and which made WIDE_FOLDER. */
  bigLayer: number;
  wideLayer: number;
  remove(): Promise<void>;
}

/**
 * The layer benchmarks' image, built from scratch (Debian's static busybox) and
 * labelled, ~121 MB: busybox; a 100 MB file; a folder of 10,000 empty files; a 20 MB
 * file above them, so the big file sits in a lower layer with layers on both sides.
 */
export async function buildLayerBenchImage(engine: Engine, tag: string): Promise<LayerBenchImage> {
  const id = await buildBusyboxImage(engine, tag, {
    extra: [
      `RUN mkdir /data && dd if=/dev/urandom of=/${BIG_FILE} bs=1000000 count=${BIG_BYTES / 1_000_000} 2>/dev/null`,
      `RUN mkdir /${WIDE_FOLDER} && cd /${WIDE_FOLDER} && seq ${WIDE_ENTRIES} | xargs touch`,
      'RUN dd if=/dev/urandom of=/data/top.bin bs=1000000 count=20 2>/dev/null',
    ],
    labels: { [BENCH_LABEL]: '1' },
  });
  const info = await engine.api.getImage(id).inspect();
  const diffIds = info.RootFS?.Layers ?? [];
  if (diffIds.length !== 5) throw new Error(`the layer bench image has ${diffIds.length} layers, expected 5`);
  return { tag, id, diffIds, bigLayer: 2, wideLayer: 3, remove: () => cleanup(engine, { images: [tag] }) };
}
