import type { Engine } from './Engine';
import type { LayerEntry } from './types';

/** The image's history, newest first, as `docker history` shows it. */
export async function imageHistory(engine: Engine, image: string): Promise<LayerEntry[]> {
  const raw = (await engine.call(`read the history of ${image}`, (d) => d.getImage(image).history())) as Array<{
    Id: string;
    Created: number;
    CreatedBy: string;
    Tags: string[] | null;
    Size: number;
    Comment: string;
  }>;
  return raw.map((h) => ({
    id: h.Id && h.Id !== '<missing>' ? h.Id : null,
    created: h.Created,
    createdBy: h.CreatedBy ?? '',
    tags: (h.Tags ?? []).filter((t) => t !== '<none>:<none>'),
    size: h.Size ?? 0,
    comment: h.Comment ?? '',
  }));
}
