import type * as vscode from 'vscode';

/** One node of a Stowage tree: a stable id, its TreeItem, its parent (for reveal), its children. */
export interface TreeNode {
  readonly id: string;
  readonly parent?: TreeNode;
  treeItem(): vscode.TreeItem;
  children?(): Promise<TreeNode[]>;
  /** Fills the tooltip on hover, when that needs another engine call. */
  resolveTooltip?(): Promise<vscode.MarkdownString | undefined>;
}
