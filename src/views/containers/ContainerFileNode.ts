import * as vscode from 'vscode';
import { sortedChildren, type ContainerTreeNode } from '../../model/layers/containerTree';
import { formatBytes } from '../../shared/formatBytes';
import type { TreeNode } from '../TreeNode';

/** A file or folder of a container's filesystem, telling which layer it comes from. */
export class ContainerFileNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly file: ContainerTreeNode,
    readonly containerId: string,
  ) {
    this.id = `${parent.id}/${file.name}`;
  }

  treeItem(): vscode.TreeItem {
    const f = this.file;
    const folder = f.children !== undefined;
    const item = new vscode.TreeItem(f.name, folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const e = f.entry;
    const from = f.from === 'writable' ? 'writable layer' : `layer ${f.from + 1}`;
    const parts = [from];
    if (e?.kind === 'file') parts.push(formatBytes(e.size));
    if (e?.link !== undefined) parts.push(`${e.kind === 'hardlink' ? '⇒' : '→'} ${e.link}`);
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(folder ? 'folder' : e?.kind === 'symlink' ? 'file-symlink-file' : 'file', f.from === 'writable' ? new vscode.ThemeColor('gitDecoration.modifiedResourceForeground') : undefined);
    item.contextValue = folder ? 'containerFs.folder' : e?.kind === 'file' ? 'containerFs.file' : `containerFs.entry.${e?.kind ?? 'other'}`;
    if (!folder && e?.kind === 'file') item.command = { command: 'stowage.openContainerFile', title: 'Open File', arguments: [this] };
    item.tooltip = [
      `/${f.path}`,
      f.from === 'writable' ? "from the container's writable layer" : `from the image's layer ${f.from + 1} (1 = bottom)`,
      e?.kind === 'file' ? `${e.size.toLocaleString('en-US')} bytes` : undefined,
      e ? `mode ${(e.mode & 0o7777).toString(8).padStart(4, '0')}` : undefined,
      e?.link !== undefined ? `link to ${e.link}` : undefined,
    ]
      .filter((l) => l !== undefined)
      .join('\n');
    // Else VS Code reads the multi-line tooltip into the row's accessible name.
    item.accessibilityInformation = { label: `${f.name}, ${parts.join(', ')}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return sortedChildren(this.file).map((c) => new ContainerFileNode(this, c, this.containerId));
  }
}
