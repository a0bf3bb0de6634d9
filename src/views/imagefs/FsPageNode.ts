import * as vscode from 'vscode';
import type { FsFilter, FsNode } from '../../model/layers/imageFileSystem';
import type { TreeNode } from '../TreeNode';
import { fsChildNodes } from './fsChildNodes';
import type { ImageFs } from './imageFsCache';

/** A slice of a huge folder (its children `from` to `to`, by name), whose rows are made only when it is expanded. */
export class FsPageNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    private readonly folder: FsNode,
    private readonly fs: ImageFs,
    private readonly filter: FsFilter,
    private readonly from: number,
    private readonly to: number,
    private readonly label: string,
    private readonly count: string,
  ) {
    this.id = `${parent.id}/page:${from}-${to}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.count;
    item.iconPath = new vscode.ThemeIcon('list-flat');
    item.tooltip = `${this.count} of /${this.folder.path}, from ${this.label}`;
    item.contextValue = 'imagefs.page';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return fsChildNodes(this, this.folder, this.fs, this.filter, this.from, this.to);
  }
}
