import * as vscode from 'vscode';
import type { FileChange } from '../../engine/types';
import type { TreeNode } from '../TreeNode';

const LOOK: Record<FileChange['kind'], { label: string; icon: string; color: string }> = {
  added: { label: 'Added', icon: 'diff-added', color: 'gitDecoration.addedResourceForeground' },
  changed: { label: 'Changed', icon: 'diff-modified', color: 'gitDecoration.modifiedResourceForeground' },
  deleted: { label: 'Deleted', icon: 'diff-removed', color: 'gitDecoration.deletedResourceForeground' },
};

/** One path in a container's writable layer. */
export class ChangeNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly change: FileChange,
  ) {
    this.id = `${parent.id}/change:${change.path}`;
  }

  treeItem(): vscode.TreeItem {
    const look = LOOK[this.change.kind];
    const item = new vscode.TreeItem(this.change.path, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = look.label;
    item.iconPath = new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
    // Not under `container.`: the container's own commands (Remove, Commit, Rename…) match that prefix.
    item.contextValue = 'containerChange';
    item.tooltip = `${look.label} in the container's writable layer: ${this.change.path}`;
    return item;
  }
}
