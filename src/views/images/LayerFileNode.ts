import * as vscode from 'vscode';
import type { LayerTreeNode } from '../../model/layers/layerTree';
import { formatBytes } from '../../shared/formatBytes';
import type { TreeNode } from '../TreeNode';

const ICONS: Record<string, string> = { added: 'diff-added', modified: 'diff-modified', removed: 'diff-removed' };

/** Where a layer file node's bytes are: the image, its layers' diff IDs bottom-up, and which layer this is. */
export interface LayerSource {
  readonly imageId: string;
  readonly diffIds: readonly string[];
  readonly layer: number;
  /** Makes sure a folder's children are there (read from disk when the tree came from a snapshot). */
  load?(folder: LayerTreeNode): Promise<void>;
}

/** A file or folder that a layer changes: its mark (added, modified, removed), size, mode, owner, link target. */
export class LayerFileNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly file: LayerTreeNode,
    readonly source: LayerSource,
  ) {
    this.id = `${parent.id}/${file.name}`;
  }

  treeItem(): vscode.TreeItem {
    const f = this.file;
    const folder = f.children !== undefined;
    const item = new vscode.TreeItem(f.name, folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const parts: string[] = [];
    if (f.change) parts.push(f.change);
    if (folder || f.kind === 'file') parts.push(formatBytes(f.size));
    if (f.entry?.link !== undefined) parts.push(`${f.kind === 'hardlink' ? '⇒' : '→'} ${f.entry.link}`);
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(folder ? 'folder' : f.change ? ICONS[f.change] : 'file');
    item.contextValue = folder ? 'layer.folder' : f.kind === 'file' ? `layer.file.${f.change ?? 'none'}` : `layer.entry.${f.kind}`;
    if (!folder && f.kind === 'file') item.command = { command: 'stowage.openLayerFile', title: 'Open File from Layer', arguments: [this] };
    const e = f.entry;
    item.tooltip = [
      `/${f.path}`,
      f.change ? `${f.change} in this layer` : undefined,
      `${f.size.toLocaleString('en-US')} bytes${folder ? ' of files beneath, in this layer' : ''}`,
      e ? `mode ${(e.mode & 0o7777).toString(8).padStart(4, '0')}, owner ${e.uid}:${e.gid}` : undefined,
      e?.link !== undefined ? `${f.kind === 'hardlink' ? 'hard link to' : 'symbolic link to'} ${e.link}` : undefined,
    ]
      .filter((l) => l !== undefined)
      .join('\n');
    item.accessibilityInformation = { label: `${f.name}, ${parts.join(', ')}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    await this.source.load?.(this.file);
    return (this.file.children ?? []).map((c) => new LayerFileNode(this, c, this.source));
  }
}
