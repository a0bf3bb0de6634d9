import type { Engine } from '../../../src/engine/Engine';
import { BASE_IMAGE, buildBusyboxImage, ensureBaseImage } from '../../support/testEngine';

/** Bytes of the large file the analysed image stores and then removes. */
export const BIG = 5 * 1024 * 1024;

/**
 * An image with known contents over the shared busybox base, two layers of its own:
 * the first adds files (large, small, empty, in a folder), a hard link and a symlink;
 * the second overwrites one file, removes the large one and replaces the folder.
 */
export async function buildKnownImage(engine: Engine, tag: string): Promise<string> {
  await ensureBaseImage(engine);
  return buildBusyboxImage(engine, tag, {
    base: BASE_IMAGE,
    extra: [
      `RUN mkdir -p /data/dir /keep && head -c ${BIG} /dev/zero > /data/big && printf hello > /data/small && : > /data/empty && printf 1234567890 > /data/dir/a && printf xyz > /data/dir/b && printf linked > /keep/orig && ln /keep/orig /keep/hard && ln -s small /data/sym`,
      'RUN printf HELLO-WORLD > /data/small && rm /data/big && rm -rf /data/dir && mkdir /data/dir && printf new > /data/dir/c',
    ],
  });
}

/**
 * A sibling of the known image: the same base and first layer (the builder's cache makes
 * it the same diff ID), then its own: rewrites /data/small, removes /data/empty, adds
 * /data/extra, makes /keep/orig private; /data/big and /data/dir stay as the first layer left them.
 */
export async function buildSiblingImage(engine: Engine, tag: string): Promise<string> {
  await ensureBaseImage(engine);
  return buildBusyboxImage(engine, tag, {
    base: BASE_IMAGE,
    extra: [
      `RUN mkdir -p /data/dir /keep && head -c ${BIG} /dev/zero > /data/big && printf hello > /data/small && : > /data/empty && printf 1234567890 > /data/dir/a && printf xyz > /data/dir/b && printf linked > /keep/orig && ln /keep/orig /keep/hard && ln -s small /data/sym`,
      'RUN printf BYE > /data/small && rm /data/empty && printf added > /data/extra && chmod 600 /keep/orig',
    ],
  });
}
