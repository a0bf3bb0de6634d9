import { matchesLabel, type LabelFilter } from './parseLabelFilter';
import type { PruneContainer, PruneImage, PruneInventory } from './PruneInventory';

export interface PruneChoice {
  readonly stoppedContainers: boolean;
  readonly danglingImages: boolean;
  /** Tagged images no container (left after this prune) uses: `docker image prune -a`. */
  readonly unusedImages: boolean;
  /** Only objects with this label, as `--filter label=…`. */
  readonly label: LabelFilter | null;
}

export interface PrunedImage extends PruneImage {
  readonly reason: 'dangling' | 'unused';
}

export interface PrunePlan {
  readonly containers: readonly PruneContainer[];
  readonly images: readonly PrunedImage[];
  /** Images the choice would take but a container that stays uses: kept, and said so. */
  readonly keptInUse: ReadonlyArray<{ readonly image: PruneImage; readonly usedBy: readonly PruneContainer[] }>;
  /** Every image that stays: the layers they hold are not freed. */
  readonly keptImages: readonly PruneImage[];
}

/** What `docker container prune` removes: containers that are not running, paused or restarting. */
const STOPPED = new Set(['created', 'exited', 'dead']);

/** No name of any kind: `docker image prune`'s dangling (a digest-only image is not). */
export function isDangling(image: PruneImage): boolean {
  return image.repoTags.length === 0 && image.repoDigests.length === 0;
}

/**
 * Which containers and images the choice removes, from one reading of the engine.
 * Containers go first, so an image only they used is unused once they are gone
 * (as `docker system prune` does); an image any remaining container uses, running
 * or stopped, is never taken. Pure.
 */
export function planPrune(inventory: PruneInventory, choice: PruneChoice): PrunePlan {
  const containers = choice.stoppedContainers
    ? inventory.containers.filter((c) => STOPPED.has(c.state) && matchesLabel(c.labels, choice.label))
    : [];
  const going = new Set(containers.map((c) => c.id));
  const staying = inventory.containers.filter((c) => !going.has(c.id));
  const usedBy = new Map<string, PruneContainer[]>();
  for (const c of staying) usedBy.set(c.imageId, [...(usedBy.get(c.imageId) ?? []), c]);
  const images: PrunedImage[] = [];
  const keptInUse: Array<{ image: PruneImage; usedBy: PruneContainer[] }> = [];
  for (const image of inventory.images) {
    const reason = isDangling(image) ? (choice.danglingImages ? 'dangling' : null) : choice.unusedImages ? 'unused' : null;
    if (!reason || !matchesLabel(image.labels, choice.label)) continue;
    const users = usedBy.get(image.id);
    if (users) keptInUse.push({ image, usedBy: users });
    else images.push({ ...image, reason });
  }
  const removedIds = new Set(images.map((i) => i.id));
  return { containers, images, keptInUse, keptImages: inventory.images.filter((i) => !removedIds.has(i.id)) };
}
