import * as vscode from 'vscode';
import type { ImageSummary } from '../../engine/types';
import { formatAge } from '../../model/formatAge';
import { formatBytes } from '../../shared/formatBytes';
import { shortId } from '../../model/shortId';
import type { TreeNode } from '../TreeNode';
import { plural } from '../../model/plural';

/** The group of images with no name (`<none>:<none>`), e.g. from a commit without a repository. */
export class UntaggedGroupNode implements TreeNode {
  readonly id = 'untagged';
  readonly images: UntaggedImageNode[];
  constructor(images: readonly ImageSummary[]) {
    this.images = images.map((i) => new UntaggedImageNode(this, i));
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('<none>:<none>', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = plural(this.images.length, 'untagged image');
    item.iconPath = new vscode.ThemeIcon('question');
    item.contextValue = 'image.untaggedGroup';
    item.tooltip = 'Images with no name: made by a commit without a repository, or left behind when their last tag moved to a newer image.';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return this.images;
  }
}

export class UntaggedImageNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly image: ImageSummary,
  ) {
    this.id = `untagged:${image.id}`;
  }

  get reference(): string {
    return this.image.id;
  }

  get imageId(): string {
    return this.image.id;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(shortId(this.image.id), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${formatBytes(this.image.size)} · ${formatAge(this.image.created)}`;
    item.iconPath = new vscode.ThemeIcon('file-binary');
    item.contextValue = 'image.untagged';
    item.tooltip = `${this.image.id}\nCreated ${new Date(this.image.created * 1000).toISOString()}`;
    return item;
  }
}
