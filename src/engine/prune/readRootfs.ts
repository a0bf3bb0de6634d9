import { mapLimited } from '../../model/mapLimited';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';

/**
 * An image ID is the hash of its config, so its rootfs never changes: once read,
 * it is kept. A host with thousands of images that share a base (every kept one
 * might hold a removed image's layer) is then read once, not at every prune.
 */
const known = new Map<string, readonly string[]>();
const MAX_KNOWN = 50_000;

/** Each image's rootfs diff IDs, oldest first (null for an image gone meanwhile). */
export async function readRootfs(engine: Engine, ids: readonly string[]): Promise<Array<readonly string[] | null>> {
  return mapLimited(ids, 8, async (id) => {
    const cached = known.get(id);
    if (cached) return cached;
    try {
      const info = await engine.call(`inspect image ${id}`, (d) => d.getImage(id).inspect());
      const layers = info.RootFS?.Layers ?? [];
      if (known.size >= MAX_KNOWN) known.clear();
      known.set(id, layers);
      return layers;
    } catch (err) {
      if (err instanceof EngineError && err.kind === 'notFound') return null;
      throw err;
    }
  });
}
