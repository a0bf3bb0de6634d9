import type { ContainerSummary, ImageSummary } from '../engine/types';

export interface RemovalStep {
  readonly reference: string;
  readonly image: ImageSummary;
  /** `untag` when the image keeps other names; `delete` when this is its last one. */
  readonly effect: 'untag' | 'delete';
  /** Names the image keeps after this step. */
  readonly remaining: readonly string[];
  /** Containers created from the image: deleting it needs force, and they lose nothing but their image name. */
  readonly usedBy: readonly ContainerSummary[];
  /**
   * What the engine will do, force included (Engine 20.10's image_delete): `untag`;
   * `delete`; `forceDelete` (only stopped containers use it: force deletes it);
   * `untagOnly` (a running container uses it: even with force the engine only
   * removes the name and keeps the image while it runs); `refused` (an untagged
   * image a running container uses: the engine refuses, force or not).
   */
  readonly outcome: 'untag' | 'delete' | 'forceDelete' | 'untagOnly' | 'refused';
  /** Whether the request needs force for that outcome. */
  readonly force: boolean;
}

/**
 * Says, before anything is asked of the engine, what removing each selected name
 * will do: the engine untags a name the image shares and deletes the image with
 * its last. Applied in order, so selecting every tag of one image deletes it.
 */
export function planImageRemoval(
  targets: ReadonlyArray<{ reference: string; image: ImageSummary }>,
  containers: readonly ContainerSummary[],
): RemovalStep[] {
  const remaining = new Map<string, string[]>();
  return targets.map(({ reference, image }) => {
    const names = remaining.get(image.id) ?? [...image.repoTags];
    const left = names.filter((n) => n !== reference);
    remaining.set(image.id, left);
    const isId = !image.repoTags.includes(reference);
    const effect = isId || left.length === 0 ? 'delete' : 'untag';
    const usedBy = effect === 'delete' ? containers.filter((c) => c.imageId === image.id) : [];
    const running = usedBy.some((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
    const outcome = effect === 'untag' ? 'untag' : usedBy.length === 0 ? 'delete' : !running ? 'forceDelete' : isId ? 'refused' : 'untagOnly';
    return {
      reference,
      image,
      effect,
      remaining: effect === 'delete' ? [] : left,
      usedBy,
      outcome,
      force: outcome === 'forceDelete' || outcome === 'untagOnly',
    };
  });
}
