import * as vscode from 'vscode';
import type { TreeNode } from './TreeNode';

/** A row that says something instead of listing: "engine not reachable — Retry", "no images". */
export class MessageNode implements TreeNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly options: { icon?: string; command?: vscode.Command; tooltip?: string; description?: string } = {},
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.options.icon ?? 'info');
    item.command = this.options.command;
    item.tooltip = this.options.tooltip ?? this.label;
    item.description = this.options.description;
    item.contextValue = 'message';
    return item;
  }
}
