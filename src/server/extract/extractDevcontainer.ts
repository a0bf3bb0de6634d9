import { get, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';

/** The image reference of a devcontainer.json (read into the same tree by readJsonc). */
export function extractDevcontainer(root: YNode | undefined): ReferenceSite[] {
  const site = siteFromNode(get(root, 'image'), 'devcontainer-image', 'dev container');
  return site ? [site] : [];
}
