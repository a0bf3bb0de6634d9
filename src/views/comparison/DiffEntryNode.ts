import * as vscode from 'vscode';
import type { DiffNode } from '../../model/layers/compareImages';
import type { StoredCopy } from '../../model/layers/imageFileSystem';
import { formatBytes } from '../../shared/formatBytes';
import type { TreeNode } from '../TreeNode';
import { layerFileUri } from '../images/LayerFileSystem';
import { displayName } from '../imagefs/displayName';
import type { Comparison } from './Comparison';
import { diffChildNodes } from './diffChildNodes';

const ICONS: Record<string, string> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-modified' };

/** A path that differs between the two compared images: added, removed or changed, with the size each sees. */
export class DiffEntryNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly diff: DiffNode,
    readonly comparison: Comparison,
  ) {
    this.id = `${parent.id}/${diff.name}`;
  }

  /** Where image A's (or B's) copy of this path is, when it is a file (a hard link: the file it links to in its layer). */
  uriOf(side: 'a' | 'b'): vscode.Uri | undefined {
    const copy: StoredCopy | undefined = this.diff[side];
    const fs = this.comparison[side].fs;
    if (!copy) return undefined;
    const diffId = fs.diffIds[copy.layer];
    if (copy.entry.kind === 'file') return layerFileUri(fs.imageId, diffId, copy.entry.path, copy.entry.size, this.comparison.engine);
    if (copy.entry.kind === 'hardlink' && copy.target) return layerFileUri(fs.imageId, diffId, copy.target.path, copy.target.size, this.comparison.engine);
    return undefined;
  }

  /** The copy Open File opens: B's where it has one, else A's. */
  fileUri(): vscode.Uri | undefined {
    return this.uriOf('b') ?? this.uriOf('a');
  }

  treeItem(): vscode.TreeItem {
    const d = this.diff;
    const item = new vscode.TreeItem(displayName(d.name), d.folder && d.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const size = d.change === 'added' ? formatBytes(d.bytesB) : d.change === 'removed' ? formatBytes(d.bytesA) : d.bytesA === d.bytesB ? formatBytes(d.bytesA) : `${formatBytes(d.bytesA)} → ${formatBytes(d.bytesB)}`;
    const parts = [d.change, size, d.change === 'changed' ? d.reasons.join('; ') : undefined].filter((p) => p !== undefined);
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(d.folder && d.change !== 'changed' ? 'folder' : d.change ? ICONS[d.change] : 'file');
    const a = this.uriOf('a');
    const b = this.uriOf('b');
    item.contextValue = d.change === 'changed' && a && b ? 'compare.file.changed' : a || b ? `compare.file.${d.change}` : d.folder ? 'compare.folder' : 'compare.entry';
    if (d.change === 'changed' && a && b) item.command = { command: 'stowage.compareImageFile', title: 'Compare the Two Versions', arguments: [this] };
    else if (a || b) item.command = { command: 'stowage.openLayerFile', title: 'Open File from Layer', arguments: [this] };
    const where = (side: 'a' | 'b') => {
      const c = d[side];
      return c ? `${this.comparison[side].reference}: layer ${c.layer} (${this.comparison[side].fs.diffIds[c.layer].slice(0, 19)}), ${(c.entry.kind === 'file' ? c.entry.size : 0).toLocaleString('en-US')} bytes` : undefined;
    };
    item.tooltip = [`/${d.path}`, d.change ? `${d.change}${d.reasons.length ? `: ${d.reasons.join('; ')}` : ''}` : 'folder in both, with differences beneath', where('a'), where('b')].filter((l) => l !== undefined).join('\n');
    item.accessibilityInformation = { label: `${displayName(d.name)}, ${parts.join(', ')}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return diffChildNodes(this, this.diff, this.comparison);
  }
}
