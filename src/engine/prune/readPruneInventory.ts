import type { PruneInventory } from '../../model/prune/PruneInventory';
import type { Engine } from '../Engine';

interface DfAnswer {
  Images?: Array<{ Id: string; RepoTags?: string[] | null; RepoDigests?: string[] | null; Size?: number; SharedSize?: number; Labels?: Record<string, string> | null }> | null;
  Containers?: Array<{ Id: string; Names?: string[] | null; ImageID?: string; State?: string; SizeRw?: number; Labels?: Record<string, string> | null }> | null;
}

/**
 * One reading of the engine's disk usage (GET /system/df): every top-level image
 * with its size and the bytes it shares with other images, every container with
 * its state and writable layer's size, taken at one moment so the plan is
 * consistent. Layers are not read here (readPruneLayers does, for the few that need it).
 */
export async function readPruneInventory(engine: Engine): Promise<PruneInventory> {
  const df = (await engine.call('read disk usage', (d) => d.df())) as DfAnswer;
  return {
    images: (df.Images ?? []).map((i) => ({
      id: i.Id,
      repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      repoDigests: (i.RepoDigests ?? []).filter((t) => t !== '<none>@<none>'),
      size: i.Size ?? 0,
      sharedSize: typeof i.SharedSize === 'number' ? i.SharedSize : -1,
      labels: i.Labels ?? {},
      layers: null,
    })),
    containers: (df.Containers ?? []).map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      imageId: c.ImageID ?? '',
      state: c.State ?? '',
      sizeRw: c.SizeRw ?? 0,
      labels: c.Labels ?? {},
    })),
  };
}
