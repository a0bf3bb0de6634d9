import { formatBytes } from '../../shared/formatBytes';
import { plural } from '../plural';
import { describeLabelFilter, type LabelFilter } from './parseLabelFilter';
import type { PrunePlan } from './planPrune';

/** At most this many objects are named one by one in the confirmation; the rest are counted. */
export const MAX_LISTED = 40;

export interface PruneConfirmation {
  readonly title: string;
  /** Empty when there is nothing to prune (title says so). */
  readonly detail: string;
  readonly nothing: boolean;
}

/**
 * The modal's text: what goes, each with the bytes only it holds, the total it frees (shared
 * layers once), and what the choice would take but a container keeps. Pure.
 */
export function describePrunePlan(plan: PrunePlan, bytes: { imageBytes: number; containerBytes: number }, label: LabelFilter | null): PruneConfirmation {
  const scope = label ? ` with ${describeLabelFilter(label)}` : '';
  const kept = plan.keptInUse.map(({ image, usedBy }) => `${imageName(image)} (used by ${usedBy.map((c) => `${c.name}, ${c.state}`).join('; ')})`);
  const keptLine = kept.length ? `Kept, a container uses ${kept.length === 1 ? 'it' : 'them'}: ${listed(kept)}` : '';
  if (plan.containers.length === 0 && plan.images.length === 0) {
    return { title: `Nothing to prune${scope}.`, detail: keptLine, nothing: true };
  }
  const parts: string[] = [];
  const what: string[] = [];
  if (plan.containers.length) what.push(plural(plan.containers.length, 'stopped container'));
  const dangling = plan.images.filter((i) => i.reason === 'dangling');
  const unused = plan.images.filter((i) => i.reason === 'unused');
  if (dangling.length) what.push(plural(dangling.length, 'dangling image'));
  if (unused.length) what.push(plural(unused.length, 'unused image'));
  const total = bytes.imageBytes + bytes.containerBytes;
  const title = `Remove ${join(what)}${scope}, freeing ${formatBytes(total)}?`;
  if (plan.containers.length) {
    parts.push(`Stopped containers (${formatBytes(bytes.containerBytes)}): ${listed(plan.containers.map((c) => `${c.name} (${c.state}, ${formatBytes(c.sizeRw)})`))}`);
  }
  if (dangling.length) parts.push(`Dangling images: ${listed(dangling.map(imageWithBytes))}`);
  if (unused.length) parts.push(`Unused images: ${listed(unused.map(imageWithBytes))}`);
  if (plan.images.length) {
    parts.push(`The images free ${formatBytes(bytes.imageBytes)}: each layer counted once, and layers an image that stays also holds not at all.`);
  }
  if (keptLine) parts.push(keptLine);
  return { title, detail: parts.join('\n\n'), nothing: false };
}

/**
 * An image with the bytes only it holds: its Size counts layers other images share
 * (a busybox base under every test image), which its removal alone does not free.
 * The engine gives SharedSize through /system/df; where it did not (-1), Size is all there is.
 */
function imageWithBytes(image: PrunePlan['images'][number]): string {
  if (image.sharedSize <= 0) return `${imageName(image)} (${formatBytes(image.size)})`;
  return `${imageName(image)} (${formatBytes(Math.max(0, image.size - image.sharedSize))} of its own, ${formatBytes(image.sharedSize)} shared with other images)`;
}

export function imageName(image: { id: string; repoTags: readonly string[]; repoDigests: readonly string[] }): string {
  const id = image.id.replace(/^sha256:/, '').slice(0, 12);
  if (image.repoTags.length) return image.repoTags.length === 1 ? image.repoTags[0] : `${image.repoTags[0]} (+${image.repoTags.length - 1} more)`;
  if (image.repoDigests.length) return `${image.repoDigests[0].split('@')[0]}@… (${id})`;
  return id;
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED);
  const rest = items.length - shown.length;
  return shown.join(', ') + (rest > 0 ? `, and ${rest.toLocaleString('en-US')} more` : '') + '.';
}

function join(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
