import type { Engine } from '../../src/engine/Engine';
import type { EngineImagesResult } from '../../src/shared/protocol';

/**
 * The answer to `stowage/engineImages` from the real engine: its image list, with layer
 * counts for the images whose tags start with `inspectPrefix` (inspecting everything
 * else on a busy engine would only slow the test).
 */
export async function engineImages(engine: Engine, inspectPrefix: string): Promise<EngineImagesResult> {
  try {
    const list = await engine.call('list images', (d) => d.listImages());
    const images = await Promise.all(
      list.map(async (i) => {
        const repoTags = i.RepoTags ?? [];
        let layers: number | undefined;
        if (repoTags.some((t) => t.startsWith(inspectPrefix))) {
          const info = await engine.call('inspect image', (d) => d.getImage(i.Id).inspect());
          layers = info.RootFS?.Layers?.length;
        }
        return { id: i.Id, repoTags, repoDigests: i.RepoDigests ?? [], size: i.Size, created: i.Created, layers };
      }),
    );
    return { available: true, images };
  } catch (err) {
    return { available: false, reason: (err as Error).message, images: [] };
  }
}
