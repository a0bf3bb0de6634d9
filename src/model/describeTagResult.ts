import type { NamePlan } from './planNameMoves';
import { shortId } from './shortId';

/** The one message after a Tag action: what the image is now called, what moved from where, what it already had. */
export function describeTagResult(imageId: string, plan: NamePlan): string {
  const added = [...plan.fresh, ...plan.moves.map((m) => m.name)];
  const parts: string[] = [];
  parts.push(added.length ? `Tagged image ${shortId(imageId)} as ${added.join(', ')}.` : `Image ${shortId(imageId)} already had ${plan.already.length === 1 ? 'that name' : 'those names'}; nothing changed.`);
  for (const m of plan.moves) {
    parts.push(`${m.name} moved from image ${shortId(m.fromImage)}${m.keeps.length ? `, which keeps ${m.keeps.join(', ')}` : ', now <none>:<none>'}.`);
  }
  if (added.length && plan.already.length) parts.push(`Already its ${plan.already.length === 1 ? 'name' : 'names'}: ${plan.already.join(', ')}.`);
  return parts.join(' ');
}
