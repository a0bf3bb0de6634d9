import * as vscode from 'vscode';
import type { LayerRow } from '../../model/describeLayers';
import { formatAge } from '../../model/formatAge';
import { formatBytes } from '../../shared/formatBytes';
import { shortId } from '../../model/shortId';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import type { TreeNode } from '../TreeNode';
import { layerFileTree } from './layerFileTree';
import { LayerFileNode } from './LayerFileNode';

/** A layer of an image; one that holds files expands into what it adds, modifies and removes. */
export class LayerNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly row: LayerRow,
    readonly index: number,
    private readonly contents?: { session: EngineSession; imageId: string },
  ) {
    this.id = `${parent.id}/layer:${index}`;
  }

  private get expandable(): boolean {
    return !this.row.empty && !!this.row.diffId && this.contents !== undefined;
  }

  async children(): Promise<TreeNode[]> {
    if (!this.expandable) return [];
    const { session, imageId } = this.contents!;
    const tree = await layerFileTree(session.engine(), imageId, this.row.diffId!);
    if (!tree) return [new MessageNode(`${this.id}/missing`, 'This layer is not in the image export', { icon: 'warning' })];
    if (!tree.root.children?.length) return [new MessageNode(`${this.id}/nofiles`, 'No files: this layer changes nothing in the filesystem', { icon: 'info' })];
    return tree.root.children.map((c) => new LayerFileNode(this, c, tree));
  }

  treeItem(): vscode.TreeItem {
    const r = this.row;
    const item = new vscode.TreeItem(r.instruction, this.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const parts = [r.empty ? 'empty' : formatBytes(r.size)];
    if (r.baseImage) parts.push(`base: ${r.baseImage}`);
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(r.baseImage ? 'layers-active' : r.empty ? 'symbol-property' : 'layers');
    item.contextValue = r.empty ? 'layer.empty' : 'layer';
    const md = new vscode.MarkdownString();
    md.appendCodeblock(r.fullInstruction, 'dockerfile');
    md.appendMarkdown(`\n\n**Size:** ${r.empty ? '0 B (metadata only, no filesystem layer)' : formatBytes(r.size)}  \n`);
    md.appendMarkdown(`**Created:** ${new Date(r.created * 1000).toISOString()} (${formatAge(r.created)})  \n`);
    if (r.diffId) md.appendMarkdown(`**Layer (diff ID):** \`${r.diffId}\`  \n`);
    if (r.imageId) md.appendMarkdown(`**Image:** \`${shortId(r.imageId)}\`  \n`);
    if (r.baseImage) md.appendMarkdown(`**Top of parent image:** \`${r.baseImage}\`  \n`);
    if (r.comment) md.appendMarkdown(`**Comment:** ${escapeMd(r.comment)}  \n`);
    item.tooltip = md;
    return item;
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
