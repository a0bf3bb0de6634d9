import type { RemovalStep } from './planImageRemoval';
import { shortId } from './shortId';

/** What the engine answered to DELETE /images/{name}: the names it untagged and the IDs it deleted. */
export interface RemovalAnswer {
  readonly untagged: readonly string[];
  readonly deleted: readonly string[];
}

/**
 * Says what a removal did, from the engine's own answer rather than from the plan:
 * the plan can be overtaken (a container stopped meanwhile), the answer cannot.
 * E.g. "Untagged walk/app:2.0; the image stays while container walk2 uses it".
 */
export function describeRemovalResult(step: RemovalStep, answer: RemovalAnswer): string {
  const id = shortId(step.image.id);
  if (answer.deleted.includes(step.image.id)) {
    const names = answer.untagged.length ? ` (${answer.untagged.join(', ')})` : '';
    const stopped = step.usedBy.length ? `; ${step.usedBy.length === 1 ? 'container' : 'containers'} ${step.usedBy.map((c) => c.name).join(', ')} ${step.usedBy.length === 1 ? 'keeps' : 'keep'} only its ID` : '';
    return `Deleted image ${id}${names}${stopped}`;
  }
  if (answer.untagged.length === 0) return `Nothing changed for ${step.reference}: the engine neither untagged nor deleted anything`;
  const untagged = `Untagged ${answer.untagged.join(', ')}`;
  if (step.remaining.length) return `${untagged}; image ${id} keeps ${step.remaining.join(', ')}`;
  const running = step.usedBy.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  if (running.length) return `${untagged}; the image stays while ${running.length === 1 ? 'container' : 'containers'} ${running.map((c) => c.name).join(', ')} ${running.length === 1 ? 'uses' : 'use'} it (now <none>:<none>, ${id})`;
  return `${untagged}; image ${id} stays as <none>:<none>`;
}
