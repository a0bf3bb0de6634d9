import type { PrunedImage, PrunePlan } from '../../model/prune/planPrune';
import { reclaimedLayerBytes } from '../../model/prune/reclaimedLayerBytes';
import type { PruneContainer } from '../../model/prune/PruneInventory';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import type { ProgressSink } from '../progress';
import { removeImage } from '../removeImage';

export interface PruneSkip {
  /** The container's name or the image's first name (or short ID). */
  readonly what: string;
  readonly reason: string;
}

export interface PruneOutcome {
  readonly containers: readonly PruneContainer[];
  readonly images: readonly PrunedImage[];
  /** Names the engine untagged on the way. */
  readonly untagged: readonly string[];
  /** Every ID the engine said it deleted: the images, parents it cleaned up with them, and the layers it released. */
  readonly deletedIds: readonly string[];
  readonly skipped: readonly PruneSkip[];
  /** The bytes of the writable layers and image layers the engine removed (see removePruned). */
  readonly reclaimedBytes: number;
}

/**
 * Removes exactly what the plan lists, one object at a time by ID, never with
 * force. The engine's prune endpoints remove whatever matches their filters at
 * the moment they run: an image pulled or a container stopped after the user
 * confirmed would go too, and `until` cannot tell (an image's Created is its
 * build time, not its arrival). One by one, nothing unlisted can be touched, and
 * the engine's own checks still stand: a container started since is refused
 * (running), an image a container now uses is refused (in use). Something
 * already gone, or refused, is said and the rest continues.
 *
 * The space reclaimed comes from the engine's answers: the layers it says it
 * released (reclaimedLayerBytes) and the containers it removed (their writable
 * layers). The prune endpoints' SpaceReclaimed is not available one by one.
 */
export async function removePruned(engine: Engine, plan: PrunePlan, onProgress: ProgressSink = () => {}, signal?: AbortSignal): Promise<PruneOutcome> {
  const total = plan.containers.length + plan.images.length;
  let done = 0;
  const step = (message: string) => onProgress({ message, fraction: total ? ++done / total : 1 });
  const skipped: PruneSkip[] = [];
  const removedContainers: PruneContainer[] = [];
  for (const c of plan.containers) {
    if (signal?.aborted) throw new EngineError('Cancelled: prune.', 'cancelled', 'prune');
    try {
      // No force: a container started since the confirmation is refused by the engine, and kept.
      await engine.call(`remove container ${c.name}`, (d) => d.getContainer(c.id).remove({ force: false, v: false }));
      removedContainers.push(c);
    } catch (err) {
      skipped.push({ what: `container ${c.name}`, reason: reasonOf(err) });
    }
    step(`container ${c.name}`);
  }
  const untagged: string[] = [];
  const deletedIds = new Set<string>();
  const removedImages: PrunedImage[] = [];
  for (const image of plan.images) {
    if (signal?.aborted) throw new EngineError('Cancelled: prune.', 'cancelled', 'prune');
    const what = `image ${image.repoTags[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12)}`;
    try {
      const result = await removeOne(engine, image);
      untagged.push(...result.untagged);
      for (const id of result.deleted) deletedIds.add(id);
      if (result.deleted.includes(image.id)) removedImages.push(image);
      else skipped.push({ what, reason: result.kept ?? 'the engine kept it' });
    } catch (err) {
      skipped.push({ what, reason: reasonOf(err) });
    }
    step(what);
  }
  return {
    containers: removedContainers,
    images: removedImages,
    untagged,
    deletedIds: [...deletedIds],
    skipped,
    reclaimedBytes: reclaimedLayerBytes(plan.images, deletedIds) + removedContainers.reduce((s, c) => s + Math.max(0, c.sizeRw), 0),
  };
}

async function removeOne(engine: Engine, image: PrunedImage): Promise<{ untagged: string[]; deleted: string[]; kept?: string }> {
  // Read its names now: a name given to it since the confirmation means someone
  // wants it, and removing by ID would take that name too.
  const info = await engine.call(`inspect image ${image.id}`, (d) => d.getImage(image.id).inspect());
  const tags = (info.RepoTags ?? []).filter((t: string) => t !== '<none>:<none>');
  const digests = (info.RepoDigests ?? []).filter((t: string) => t !== '<none>@<none>');
  const confirmed = new Set(image.repoTags);
  const newNames = image.reason === 'dangling' ? [...tags, ...digests] : tags.filter((t: string) => !confirmed.has(t));
  if (newNames.length > 0) return { untagged: [], deleted: [], kept: `it was given ${newNames.join(', ')} after the confirmation` };
  const untagged: string[] = [];
  const deleted: string[] = [];
  // A tagged image goes name by name, as the engine's own `image prune -a` does: by
  // ID the engine wants force for an image with several names, and force would
  // also delete it past a container created from it since. The names were just
  // read from this image; only a re-tag within this instant could move one.
  for (const tag of tags) {
    const r = await removeImage(engine, tag);
    untagged.push(...r.untagged);
    deleted.push(...r.deleted);
  }
  if (!deleted.includes(image.id)) {
    const r = await removeImage(engine, image.id);
    untagged.push(...r.untagged);
    deleted.push(...r.deleted);
  }
  return { untagged, deleted };
}

function reasonOf(err: unknown): string {
  if (err instanceof EngineError) {
    if (err.kind === 'notFound') return 'it was already gone (removed by someone else)';
    if (err.kind === 'cancelled' || err.kind === 'unreachable') throw err;
    return err.engineMessage ?? err.message;
  }
  throw err;
}
