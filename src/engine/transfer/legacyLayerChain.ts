import { createHash } from 'node:crypto';
import { topLevelMembers } from './topLevelMembers';

/**
 * Which layer a `<v1 id>/` folder of a `docker save` archive holds. The classic
 * store's save names that folder by a hash of its `json` file with the layer's
 * chain ID mixed in (Moby's image/v1 CreateID: the json's members without `id`,
 * `parent` as a digest, `layer_id` the chain ID, keys sorted). Trying each chain
 * ID the images being sent have and keeping the one whose hash is the folder's
 * name identifies the layer exactly, before its layer.tar arrives; no match, no
 * answer (the layer is then sent).
 */
export function legacyLayerChain(folder: string, jsonText: string, candidates: Iterable<string>): string | undefined {
  const members = topLevelMembers(jsonText);
  if (!members) return undefined;
  members.delete('id');
  const parent = members.get('parent');
  if (parent !== undefined) {
    let hex: unknown;
    try {
      hex = JSON.parse(parent);
    } catch {
      return undefined;
    }
    if (typeof hex !== 'string') return undefined;
    members.set('parent', JSON.stringify(`sha256:${hex}`));
  }
  // Save sets `os` after computing the ID; a top layer's config carried it already.
  const withoutOs = new Map(members);
  withoutOs.delete('os');
  const variants = members.has('os') ? [withoutOs, members] : [members];
  for (const chain of candidates) {
    for (const variant of variants) {
      variant.set('layer_id', JSON.stringify(chain));
      const keys = [...variant.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const text = `{${keys.map((k) => `${JSON.stringify(k)}:${variant.get(k)}`).join(',')}}`;
      if (createHash('sha256').update(text).digest('hex') === folder) return chain;
    }
  }
  return undefined;
}
