import { describeLayers } from '../../model/describeLayers';
import { distinctLayerBytes, type ImageLayers } from '../../model/distinctLayerBytes';
import type { Engine } from '../Engine';
import { imageHistory } from '../imageHistory';

/**
 * About how many bytes `docker save` of these images writes: their layers, each
 * once. Summing the images' sizes counted shared layers once per image (two images
 * on one base: "about 3.97 MB" for a 2.1 MB archive). Inspecting each name also
 * finds an unknown one before any file is made.
 */
export async function estimateSaveSize(engine: Engine, references: readonly string[]): Promise<number> {
  const images: ImageLayers[] = [];
  for (const ref of references) {
    const info = await engine.call(`save ${ref}`, (docker) => docker.getImage(ref).inspect());
    const rootfs = info.RootFS?.Layers ?? [];
    const rows = describeLayers(await imageHistory(engine, info.Id), rootfs, []);
    const lined = rows.filter((r) => r.diffId !== null);
    const layers =
      lined.length === rootfs.length
        ? lined.reverse().map((r) => ({ diffId: r.diffId!, size: r.size }))
        : null;
    images.push({ id: info.Id, size: info.Size, layers });
  }
  return distinctLayerBytes(images);
}
