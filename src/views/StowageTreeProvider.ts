import * as vscode from 'vscode';
import type { ChangeKind, EngineSession } from '../session/EngineSession';
import type { PinnedEngine, PinnedEngines } from '../session/PinnedEngines';
import { isEngineError } from '../session/isEngineError';
import { unknownHostKeyOf } from '../session/unknownHostKeyOf';
import { SingleFlight } from '../session/SingleFlight';
import { engineErrorNodes } from './engineErrorNodes';
import { EngineGroupNode } from './pinned/EngineGroupNode';
import { engineOwnerOf, setEngineOwner } from './pinned/engineOwner';
import { restrictedModeNodes } from './restrictedModeNodes';
import type { TreeNode } from './TreeNode';

/**
 * What the three views share: nodes carry their own TreeItem and children; the
 * provider turns engine failures into a visible message with a Retry instead of
 * an empty tree, and resolves tooltips lazily. Given pinned engines (two or more),
 * the roots are one row per engine, each listing on its own (EngineGroupNode).
 */
export abstract class StowageTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  view?: vscode.TreeView<TreeNode>;
  /** Never two listings of this view at once; a change during one gets one follow-up. */
  private readonly listing = new SingleFlight(() => this.listRoots());
  /** The rows of pinned engines, kept across listings with their event subscriptions. */
  private groups = new Map<string, { node: EngineGroupNode; subscriptions: vscode.Disposable[] }>();
  private groupedValue = false;

  constructor(
    protected readonly session: EngineSession,
    private readonly viewName: string,
    private readonly pins?: PinnedEngines,
    /** Which engine changes re-list this view's engine rows. */
    private readonly changeKind?: ChangeKind,
  ) {}

  /** Asks the engine `session` (the main one when there is one engine) and builds its nodes, under `parent` when grouped. */
  protected abstract listEngine(session: EngineSession, parent?: EngineGroupNode): Promise<TreeNode[]>;

  /** Whether the view shows one row per pinned engine (two or more pinned). */
  get grouped(): boolean {
    return this.groupedValue;
  }

  /** The rows of the pinned engines, as last listed (empty when not grouped). */
  engineGroups(): EngineGroupNode[] {
    return [...this.groups.values()].map((g) => g.node);
  }

  /** The row of the main session's engine when grouped and it is pinned. */
  protected async mainGroup(): Promise<EngineGroupNode | undefined> {
    const roots = await this.roots();
    return roots.find((n): n is EngineGroupNode => n instanceof EngineGroupNode && n.session === this.session);
  }

  private async listRoots(): Promise<TreeNode[]> {
    const pinned = await this.pins?.engines();
    this.groupedValue = pinned !== undefined;
    if (!pinned) {
      this.keepGroups(new Set());
      return this.listEngine(this.session);
    }
    const keep = new Set<string>();
    const nodes = pinned.map((engine) => {
      const key = `${engine.name}\n${engine.session ? engine.session.describeEndpoint() : engine.error}`;
      keep.add(key);
      const known = this.groups.get(key);
      if (known && known.node.session === engine.session) return known.node;
      const node = this.groupFor(engine);
      known?.subscriptions.forEach((d) => d.dispose());
      this.groups.set(key, node);
      return node.node;
    });
    this.keepGroups(keep);
    return nodes;
  }

  private groupFor(engine: PinnedEngine): { node: EngineGroupNode; subscriptions: vscode.Disposable[] } {
    const node = new EngineGroupNode(
      engine,
      this.viewName,
      (session, parent) => this.listEngine(session, parent),
      (n) => this.emitter.fire(n),
    );
    const subscriptions: vscode.Disposable[] = [];
    const session = engine.session;
    if (session) {
      // Each engine's own event stream re-lists its own row, never another's.
      subscriptions.push(
        session.onDidChange((kinds) => {
          if (this.changeKind && !kinds.has(this.changeKind)) return;
          node.invalidate();
          this.emitter.fire(node);
        }),
        session.onDidChangeState(() => this.emitter.fire(node)),
      );
    }
    return { node, subscriptions };
  }

  private keepGroups(keys: ReadonlySet<string>): void {
    for (const [key, group] of this.groups) {
      if (keys.has(key)) continue;
      group.subscriptions.forEach((d) => d.dispose());
      this.groups.delete(key);
    }
  }

  /** The current root nodes: the last listing, the running one, or a new one if the engine changed. */
  protected roots(): Promise<TreeNode[]> {
    return this.listing.get();
  }

  /** How many listings this view has started (the event-storm benchmark reads it). */
  get listings(): number {
    return this.listing.started;
  }

  /** Lists again: the roots, and every pinned engine's rows. */
  refresh(): void {
    this.listing.invalidate();
    for (const group of this.groups.values()) group.node.invalidate();
    this.emitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.treeItem();
    // The same repository or message on two engines: ids must stay unique in the view.
    const owner = engineOwnerOf(node);
    if (owner && item.id) item.id = `${owner.id}/${item.id}`;
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.parent) return node.parent;
    const owner = engineOwnerOf(node);
    return owner !== node ? owner : undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      if (!node) {
        if (!vscode.workspace.isTrusted) return restrictedModeNodes(this.viewName);
        const roots = await this.roots();
        if (this.view) this.view.message = undefined;
        return roots;
      }
      const children = node.children ? await node.children() : [];
      const owner = node instanceof EngineGroupNode ? node : engineOwnerOf(node);
      if (owner) for (const child of children) setEngineOwner(child, owner);
      return children;
    } catch (err) {
      const message = isEngineError(err) ? err.message : `Could not list ${this.viewName}: ${(err as Error).message}`;
      if (isEngineError(err) && (err.kind === 'unreachable' || err.kind === 'permission')) this.session.reportDown(message);
      if (!node) return engineErrorNodes(this.viewName, message, undefined, unknownHostKeyOf(err));
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
    this.keepGroups(new Set());
    this.emitter.dispose();
  }
}
