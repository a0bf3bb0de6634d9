import * as vscode from 'vscode';
import type { FsFilter, FsRow, StoredCopy } from '../../model/layers/imageFileSystem';
import { formatBytes } from '../../shared/formatBytes';
import type { TreeNode } from '../TreeNode';
import { layerFileUri } from '../images/LayerFileSystem';
import { displayName } from './displayName';
import { fsChildNodes } from './fsChildNodes';
import type { ImageFs } from './imageFsCache';

const ICONS: Record<string, string> = { added: 'diff-added', modified: 'diff-modified', removed: 'diff-removed', hidden: 'eye-closed' };

/**
 * A path of an image's filesystem: what a container sees there and the layer it comes
 * from, or (under the removed and hidden filters) a copy stored in a layer but not seen.
 */
export class FsEntryNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly row: FsRow,
    readonly fs: ImageFs,
    private readonly filter: FsFilter,
  ) {
    this.id = `${parent.id}/${row.node.name}${row.copy ? `@${row.copy.layer}` : ''}`;
  }

  /** The stored copy this row stands for: the hidden one, the visible one, or the one a removal hid. */
  get copy(): StoredCopy | undefined {
    return this.row.folder ? undefined : (this.row.copy ?? this.row.node.current);
  }

  /** What this row is, as its mark says. */
  get mark(): 'added' | 'modified' | 'removed' | 'hidden' | undefined {
    const { node, copy, folder } = this.row;
    if (folder) return undefined;
    if (copy) return 'hidden';
    return node.visible ? node.change : 'removed';
  }

  /** Where this row's bytes are (on the pinned `engine`, if given): its own layer's copy, or for a hard link the file it links to in that layer. */
  fileUri(engine?: string): vscode.Uri | undefined {
    const c = this.copy;
    if (!c) return undefined;
    const diffId = this.fs.diffIds[c.layer];
    if (c.entry.kind === 'file') return layerFileUri(this.fs.imageId, diffId, c.entry.path, c.entry.size, engine);
    if (c.entry.kind === 'hardlink' && c.target) return layerFileUri(this.fs.imageId, diffId, c.target.path, c.target.size, engine);
    return undefined;
  }

  treeItem(): vscode.TreeItem {
    const { node, folder, bytes, kind } = this.row;
    const c = this.copy;
    const item = new vscode.TreeItem(displayName(node.name), folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const mark = this.mark;
    const parts: string[] = [];
    if (mark && (this.filter !== 'all' || mark === 'modified')) parts.push(mark);
    if (folder || kind === 'file') parts.push(formatBytes(bytes));
    if (c?.entry.kind === 'hardlink' && c.target) parts.push(formatBytes(c.target.size));
    if (c?.entry.link !== undefined) parts.push(`${kind === 'hardlink' ? '⇒' : '→'} ${displayName(c.entry.link)}`);
    if (c) parts.push(`layer ${c.layer}`);
    if (mark === 'removed') parts.push(`removed in layer ${node.removedBy}`);
    if (mark === 'hidden') parts.push(`${this.row.node.removedBy === c!.by && !node.visible ? 'removed' : 'overwritten'} in layer ${c!.by}`);
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(folder ? 'folder' : mark && this.filter !== 'all' ? ICONS[mark] : kind === 'symlink' ? 'file-symlink-file' : 'file');
    const uri = this.fileUri();
    item.contextValue = folder ? 'imagefs.folder' : uri ? 'imagefs.file' : `imagefs.entry.${kind}`;
    if (uri) item.command = { command: 'stowage.openLayerFile', title: 'Open File from Layer', arguments: [this] };
    const e = c?.entry ?? node.dirEntry;
    const layerLine = (layer: number) => `layer ${layer} (${this.fs.diffIds[layer]?.slice(0, 19) ?? 'made by the layers above'})`;
    item.tooltip = [
      `/${node.path}`,
      folder ? `${bytes.toLocaleString('en-US')} bytes of ${this.filter === 'all' ? 'visible' : this.filter} files beneath` : `${(c?.entry.kind === 'file' ? c.entry.size : 0).toLocaleString('en-US')} bytes`,
      folder && node.layer >= 0 ? `folder from ${layerLine(node.layer)}` : undefined,
      c && mark === 'added' ? `added by ${layerLine(c.layer)}` : undefined,
      c && mark === 'modified' ? `modified by ${layerLine(c.layer)}, replacing what was below` : undefined,
      c && mark === 'removed' ? `stored in ${layerLine(c.layer)}, removed by layer ${node.removedBy}: a container does not see it` : undefined,
      c && mark === 'hidden' ? `stored in ${layerLine(c.layer)}, hidden by layer ${c.by}: its bytes are in the image, a container does not see them` : undefined,
      e ? `mode ${(e.mode & 0o7777).toString(8).padStart(4, '0')}, owner ${e.uid}:${e.gid}` : undefined,
      e?.link !== undefined ? `${kind === 'hardlink' ? 'hard link to' : 'symbolic link to'} ${e.link}` : undefined,
    ]
      .filter((l) => l !== undefined)
      .join('\n');
    item.accessibilityInformation = { label: `${displayName(node.name)}, ${parts.join(', ')}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    if (!this.row.folder) return [];
    await this.fs.load(this.row.node);
    return fsChildNodes(this, this.row.node, this.fs, this.filter);
  }
}
