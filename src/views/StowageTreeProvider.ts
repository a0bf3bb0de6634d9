import * as vscode from 'vscode';
import type { EngineSession } from '../session/EngineSession';
import { isEngineError } from '../session/isEngineError';
import { SingleFlight } from '../session/SingleFlight';
import { engineErrorNodes } from './engineErrorNodes';
import { restrictedModeNodes } from './restrictedModeNodes';
import type { TreeNode } from './TreeNode';

/**
 * What the three views share: nodes carry their own TreeItem and children; the
 * provider turns engine failures into a visible message with a Retry instead of
 * an empty tree, and resolves tooltips lazily.
 */
export abstract class StowageTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  view?: vscode.TreeView<TreeNode>;
  /** Never two listings of this view at once; a change during one gets one follow-up. */
  private readonly listing = new SingleFlight(() => this.list());

  constructor(
    protected readonly session: EngineSession,
    private readonly viewName: string,
  ) {}

  /** Asks the engine and builds the root nodes; called through `roots()` only. */
  protected abstract list(): Promise<TreeNode[]>;

  /** The current root nodes: the last listing, the running one, or a new one if the engine changed. */
  protected roots(): Promise<TreeNode[]> {
    return this.listing.get();
  }

  /** How many listings this view has started (the event-storm benchmark reads it). */
  get listings(): number {
    return this.listing.started;
  }

  refresh(): void {
    this.listing.invalidate();
    this.emitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      if (!node) {
        if (!vscode.workspace.isTrusted) return restrictedModeNodes(this.viewName);
        const roots = await this.roots();
        if (this.view) this.view.message = undefined;
        return roots;
      }
      return node.children ? await node.children() : [];
    } catch (err) {
      const message = isEngineError(err) ? err.message : `Could not list ${this.viewName}: ${(err as Error).message}`;
      if (isEngineError(err) && (err.kind === 'unreachable' || err.kind === 'permission')) this.session.reportDown(message);
      if (!node) return engineErrorNodes(this.viewName, message);
      void vscode.window.showErrorMessage(message);
      return [];
    }
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    if (node.resolveTooltip && !item.tooltip) {
      try {
        item.tooltip = await node.resolveTooltip();
      } catch (err) {
        item.tooltip = (err as Error).message;
      }
    }
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
