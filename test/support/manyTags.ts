import type { Engine } from '../../src/engine/Engine';

/**
 * Runs `work` over `items` with at most `concurrency` at once: tagging 10,000 names
 * one by one takes minutes, and all at once would swamp the engine other tests share.
 */
export async function eachBounded<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Tags `image` as each of `names` (`repo:tag`) through the Engine API (POST /images/{id}/tag). */
export async function tagMany(engine: Engine, image: string, names: readonly string[], concurrency = 8): Promise<void> {
  await eachBounded(names, concurrency, async (name) => {
    const colon = name.lastIndexOf(':');
    await engine.api.getImage(image).tag({ repo: name.slice(0, colon), tag: name.slice(colon + 1) });
  });
}

/**
 * Removes names made by tagMany (DELETE /images/{name}, noprune): the image itself
 * goes with its last name only if nothing else holds it. A name already gone is fine.
 */
export async function untagMany(engine: Engine, names: readonly string[], concurrency = 8): Promise<void> {
  await eachBounded(names, concurrency, async (name) => {
    try {
      await engine.api.getImage(name).remove({ noprune: true });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
  });
}
