import * as vscode from 'vscode';
import type { DiffNode } from '../../model/layers/compareImages';
import { plural } from '../../model/plural';
import type { TreeNode } from '../TreeNode';
import { displayName } from '../imagefs/displayName';
import { PAGE } from '../imagefs/fsChildNodes';
import type { Comparison } from './Comparison';
import { DiffEntryNode } from './DiffEntryNode';

/** The differences in a folder (children `from` to `to`); more than a page at once become pages, made when expanded. */
export function diffChildNodes(parent: TreeNode, folder: DiffNode, comparison: Comparison, from = 0, to = folder.children?.length ?? 0): TreeNode[] {
  const children = folder.children ?? [];
  if (to - from <= PAGE) return children.slice(from, to).map((c) => new DiffEntryNode(parent, c, comparison));
  let size = PAGE;
  while ((to - from) / size > PAGE) size *= PAGE;
  const pages: TreeNode[] = [];
  for (let start = from; start < to; start += size) {
    const end = Math.min(start + size, to);
    const label = `${displayName(children[start].name)} … ${displayName(children[end - 1].name)}`;
    pages.push({
      id: `${parent.id}/page:${start}-${end}`,
      parent,
      treeItem: () => Object.assign(new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed), { id: `${parent.id}/page:${start}-${end}`, description: plural(end - start, 'difference', 'differences'), iconPath: new vscode.ThemeIcon('list-flat'), contextValue: 'compare.page' }),
      children: async function (this: TreeNode) {
        return diffChildNodes(this, folder, comparison, start, end);
      },
    });
  }
  return pages;
}
