import * as vscode from 'vscode';
import { formatBytes } from '../../shared/formatBytes';
import { MessageNode } from '../MessageNode';
import type { TreeNode } from '../TreeNode';
import type { Comparison } from './Comparison';
import { diffChildNodes } from './diffChildNodes';

/** A row that expands into rows made when it opens. */
class GroupNode implements TreeNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly description: string,
    private readonly icon: string,
    private readonly make: (self: GroupNode) => TreeNode[],
    private readonly expanded = false,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, this.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.description;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'compare.group';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return this.make(this);
  }
}

/** The Image Comparison view: the last two images compared, their layers, then their files' differences. */
export class ComparisonTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private current?: Comparison;
  /** Tells each comparison's nodes apart, so expanded state of an earlier one is not applied to it. */
  private generation = 0;

  show(comparison: Comparison): void {
    this.current = comparison;
    this.generation++;
    this.emitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ? node.children() : [];
    const c = this.current;
    if (!c) return [new MessageNode('compare:none', 'Right-click a tag in Images: Compare with…', { icon: 'info' })];
    const { layers, files, added, removed, changed } = c.result;
    const base = `compare:${this.generation}`;
    const layerRows = (self: GroupNode): TreeNode[] => [
      ...c.a.fs.diffIds.slice(0, layers.shared).map((d, i) => new MessageNode(`${self.id}/shared:${i}`, `layer ${i}: ${d.slice(0, 19)}`, { icon: 'layers', description: 'shared' })),
      ...(layers.onlyA.length || layers.onlyB.length ? [new MessageNode(`${self.id}/part`, `they part above layer ${layers.shared - 1}`, { icon: 'git-compare' })] : []),
      ...layers.onlyA.map((d, i) => new MessageNode(`${self.id}/a:${i}`, `layer ${layers.shared + i}: ${d.slice(0, 19)}`, { icon: 'arrow-left', description: `only in ${c.a.reference}${layers.alsoInBoth.includes(d) ? ' at this place (B holds it too)' : ''}` })),
      ...layers.onlyB.map((d, i) => new MessageNode(`${self.id}/b:${i}`, `layer ${layers.shared + i}: ${d.slice(0, 19)}`, { icon: 'arrow-right', description: `only in ${c.b.reference}${layers.alsoInBoth.includes(d) ? ' at this place (A holds it too)' : ''}` })),
    ];
    const same = layers.onlyA.length === 0 && layers.onlyB.length === 0;
    return [
      new MessageNode(`${base}/head`, `${c.a.reference} ↔ ${c.b.reference}`, { icon: 'git-compare', description: `A ↔ B` }),
      new GroupNode(`${base}/layers`, 'Layers', same ? `all ${layers.shared} shared` : `${layers.shared} shared, then ${layers.onlyA.length} in A, ${layers.onlyB.length} in B`, 'layers', layerRows),
      files.children!.length
        ? new GroupNode(`${base}/files`, 'Files', `${added} added, ${removed} removed, ${changed} changed · ${formatBytes(files.bytesA)} → ${formatBytes(files.bytesB)}`, 'files', (self) => diffChildNodes(self, files, c), true)
        : new MessageNode(`${base}/files`, 'Files: no difference', { icon: 'check' }),
    ];
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
