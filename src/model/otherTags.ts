import type { TagEntry } from './buildImageTree';

/** How many names besides this one its image has ("+N more tags"), without building a list. */
export function otherTagCount(entry: TagEntry): number {
  return Math.max(0, entry.image.repoTags.length - 1);
}

/**
 * Up to `limit` of the image's other names, for a tooltip, and how many were left
 * out. Asked on hover of one tag only, so it is never paid for every tag.
 */
export function otherTags(entry: TagEntry, limit: number): { names: string[]; more: number } {
  const names: string[] = [];
  for (const t of entry.image.repoTags) {
    if (t === entry.reference) continue;
    if (names.length === limit) break;
    names.push(t);
  }
  return { names, more: otherTagCount(entry) - names.length };
}
