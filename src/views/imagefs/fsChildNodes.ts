import { fsMatches, fsRows, type FsFilter, type FsNode } from '../../model/layers/imageFileSystem';
import { plural } from '../../model/plural';
import type { TreeNode } from '../TreeNode';
import { displayName } from './displayName';
import { FsEntryNode } from './FsEntryNode';
import { FsPageNode } from './FsPageNode';
import type { ImageFs } from './imageFsCache';

/** Rows made at once: a folder with more children is shown as pages of this many, each made when expanded. */
export const PAGE = 500;

/**
 * The nodes of a folder of an image's filesystem (children `from` to `to`) under a
 * filter. A folder of 50,000 entries becomes 100 pages named by their first and last
 * names: only a cheap test runs over all of them, rows are made for the page opened.
 */
export function fsChildNodes(parent: TreeNode, folder: FsNode, fs: ImageFs, filter: FsFilter, from = 0, to = folder.children?.length ?? 0): TreeNode[] {
  if (to - from <= PAGE) return fsRows(folder, filter, from, to).map((row) => new FsEntryNode(parent, row, fs, filter));
  let size = PAGE;
  while ((to - from) / size > PAGE) size *= PAGE;
  const children = folder.children!;
  const pages: TreeNode[] = [];
  for (let start = from; start < to; start += size) {
    const end = Math.min(start + size, to);
    let first = -1;
    let last = -1;
    let count = 0;
    for (let i = start; i < end; i++) {
      if (!fsMatches(children[i], filter)) continue;
      if (first < 0) first = i;
      last = i;
      count++;
    }
    if (count === 0) continue;
    const label = `${displayName(children[first].name)} … ${displayName(children[last].name)}`;
    pages.push(new FsPageNode(parent, folder, fs, filter, start, end, label, plural(count, 'entry', 'entries')));
  }
  return pages;
}
