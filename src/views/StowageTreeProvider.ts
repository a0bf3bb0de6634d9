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

/** What one listing of the roots gave: its rows, or what it threw. */
type Outcome = { rows: TreeNode[] } | { error: unknown };

/**
 * What the three views share: nodes carry their own TreeItem and children; the
 * provider turns engine failures into a visible message with a Retry instead of
 * an empty tree, and resolves tooltips lazily. Given pinned engines (two or more),
 * the roots are one row per engine, each listing on its own (EngineGroupNode).
 *
 * A refresh lists first and tells VS Code only when the new rows are in: VS Code
 * forgets every row of the view from its change event until getChildren answers,
 * and a context-menu command run in that window gets no row. So getChildren answers
 * at once with the rows already shown, and the window is never as long as a listing.
 */
export abstract class StowageTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private viewValue?: vscode.TreeView<TreeNode>;
  private readonly viewSubscriptions: vscode.Disposable[] = [];
  /** The rows the user has expanded, by the id the view knows them by (rowKey). */
  protected readonly expanded = new Set<string>();
  /** Never two listings of this view at once; a change during one gets one follow-up. */
  private readonly listing = new SingleFlight(() => this.listRoots());
  /** The rows of pinned engines, kept across listings with their event subscriptions. */
  private groups = new Map<string, { node: EngineGroupNode; subscriptions: vscode.Disposable[] }>();
  private groupedValue = false;
  /** The roots the view shows; getChildren answers with them while a newer listing runs. */
  private shown?: Outcome;
  /** Refreshes asked so far, and how many of them the shown roots cover. */
  private asked = 0;
  private shownFor = 0;
  /** The listing whose outcome the view shows next, with a change event. */
  private awaited?: Promise<TreeNode[]>;

  constructor(
    protected readonly session: EngineSession,
    private readonly viewName: string,
    private readonly pins?: PinnedEngines,
    /** Which engine changes re-list this view's engine rows. */
    private readonly changeKind?: ChangeKind,
  ) {}

  get view(): vscode.TreeView<TreeNode> | undefined {
    return this.viewValue;
  }

  set view(view: vscode.TreeView<TreeNode> | undefined) {
    this.viewValue = view;
    if (!view) return;
    this.viewSubscriptions.push(
      view.onDidExpandElement((e) => this.expanded.add(this.rowKey(e.element.id, engineOwnerOf(e.element)))),
      view.onDidCollapseElement((e) => this.expanded.delete(this.rowKey(e.element.id, engineOwnerOf(e.element)))),
    );
  }

  /** A row's id as the view knows it (getTreeItem's): its own, under its engine row's when grouped. */
  protected rowKey(id: string, owner: TreeNode | undefined): string {
    return owner ? `${owner.id}/${id}` : id;
  }

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
          // Listed first, drawn when in (as the roots are); never listed for a hidden or untrusted view.
          if (this.canList() && node.listedOnce) node.relist();
          else this.emitter.fire(node);
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

  /**
   * Lists again: the roots, and every pinned engine's rows. The view is told once the
   * roots are listed; hidden or untrusted, it is told now and lists when it asks.
   */
  refresh(): void {
    this.listing.invalidate();
    for (const group of this.groups.values()) group.node.invalidate();
    this.asked++;
    if (this.canList()) this.relist();
    else this.emitter.fire(undefined);
  }

  /** Lists the roots now and answers those rows (not the ones shown meanwhile): for tests and the API. */
  async listedRoots(): Promise<TreeNode[]> {
    this.refresh();
    if (!vscode.workspace.isTrusted) return restrictedModeNodes(this.viewName);
    return this.present(await this.outcomeOf(this.listing.get()));
  }

  /** Whether a listing may run now: VS Code asks a hidden view nothing, and an untrusted workspace asks the engine nothing. */
  private canList(): boolean {
    return vscode.workspace.isTrusted && (this.view?.visible ?? true);
  }

  /** Lists the roots, then shows them and fires the change event (unless a newer listing is awaited by then). */
  private relist(): void {
    const p = this.listing.get();
    if (this.awaited === p) return;
    this.awaited = p;
    const covers = this.asked;
    void this.outcomeOf(p).then((outcome) => {
      if (this.awaited !== p) return;
      this.awaited = undefined;
      this.show(outcome, covers);
      this.emitter.fire(undefined);
    });
  }

  private outcomeOf(p: Promise<TreeNode[]>): Promise<Outcome> {
    return p.then(
      (rows) => ({ rows }),
      (error: unknown) => ({ error }),
    );
  }

  private show(outcome: Outcome, covers: number): void {
    this.shown = outcome;
    this.shownFor = covers;
    if ('rows' in outcome && this.view) this.view.message = undefined;
  }

  /** The roots to give VS Code for an outcome: its rows, or the engine's error with a Retry. */
  private present(outcome: Outcome): TreeNode[] {
    if ('rows' in outcome) return outcome.rows;
    const err = outcome.error;
    return engineErrorNodes(this.viewName, this.explain(err), undefined, unknownHostKeyOf(err));
  }

  /** What a failed listing says; an engine that is gone or refuses us is reported down. */
  private explain(err: unknown): string {
    const message = isEngineError(err) ? err.message : `Could not list ${this.viewName}: ${(err as Error).message}`;
    if (isEngineError(err) && (err.kind === 'unreachable' || err.kind === 'permission')) this.session.reportDown(message);
    return message;
  }

  /** The roots at once when some are shown (listing again behind them if a refresh came while hidden); the first listing is waited for. */
  private async rootChildren(): Promise<TreeNode[]> {
    if (!vscode.workspace.isTrusted) return restrictedModeNodes(this.viewName);
    if (this.shown) {
      if (this.shownFor < this.asked && !this.awaited) this.relist();
      return this.present(this.shown);
    }
    const covers = this.asked;
    const outcome = await this.outcomeOf(this.listing.get());
    // Another caller waiting on the same first listing may have shown it already.
    if (!this.shown) this.show(outcome, covers);
    return this.present(this.shown!);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.treeItem();
    // The same repository or message on two engines: ids must stay unique in the view.
    if (item.id) item.id = this.rowKey(item.id, engineOwnerOf(node));
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.parent) return node.parent;
    const owner = engineOwnerOf(node);
    return owner !== node ? owner : undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    try {
      const children = node.children ? await node.children() : [];
      const owner = node instanceof EngineGroupNode ? node : engineOwnerOf(node);
      if (owner) for (const child of children) setEngineOwner(child, owner);
      return children;
    } catch (err) {
      void vscode.window.showErrorMessage(this.explain(err));
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
    this.viewSubscriptions.forEach((d) => d.dispose());
    this.keepGroups(new Set());
    this.emitter.dispose();
  }
}
