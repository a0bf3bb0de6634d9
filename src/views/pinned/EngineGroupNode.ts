import * as vscode from 'vscode';
import { isEngineError } from '../../session/isEngineError';
import { unknownHostKeyOf } from '../../session/unknownHostKeyOf';
import type { EngineSession } from '../../session/EngineSession';
import type { PinnedEngine } from '../../session/PinnedEngines';
import { engineErrorNodes } from '../engineErrorNodes';
import { MessageNode } from '../MessageNode';
import type { TreeNode } from '../TreeNode';
import { setEngineOwner } from './engineOwner';

/** Lists one engine's part of a view (its repositories, its containers), under `parent`. */
export type EngineLister = (session: EngineSession, parent: EngineGroupNode) => Promise<TreeNode[]>;

/**
 * How long the view waits for an engine's first listing before showing "waiting…" (later
 * ones never hold it: the last rows answer). VS Code refreshes a view as one operation
 * that waits for the children of every expanded row: without this, one frozen engine
 * (30 s to its answer limit) held every row.
 */
const WAIT_MS = 250;

/**
 * One pinned engine in the Images or Containers view. Its listing is its own: asked
 * when the row is expanded, kept until its engine reports a change, and failing on
 * its own (a message and a Retry under this row only). Once listed, the row answers
 * at once with its last rows while a new listing runs and is redrawn when it ends
 * (VS Code forgets the rows under it until it answers, and a context-menu command
 * run meanwhile gets no row). The first listing is waited for up to WAIT_MS, then
 * "waiting…" shows, so an engine that is down or frozen never holds the rows of another.
 */
export class EngineGroupNode implements TreeNode {
  readonly id: string;
  private outcome?: { rows: TreeNode[] } | { error: unknown };
  private running?: Promise<void>;
  private stale = true;
  /** The view was given old rows while a listing ran: it is redrawn when that listing ends. */
  private owed = false;
  private started = 0;

  constructor(
    readonly engine: PinnedEngine,
    private readonly view: string,
    private readonly lister: EngineLister,
    /** Draws this row and its children again (the provider's change event for it). */
    private readonly redraw: (node: EngineGroupNode) => void,
  ) {
    this.id = `${view}:engine:${engine.name}`;
  }

  get session(): EngineSession | undefined {
    return this.engine.session;
  }

  /** Its engine changed: the next expansion lists again. */
  invalidate(): void {
    this.stale = true;
  }

  /** Whether a listing has ended (its rows, or its error, are what the row shows). */
  get listedOnce(): boolean {
    return this.outcome !== undefined;
  }

  /** Its engine changed and the view is shown: lists now and redraws the row when the listing ends. */
  relist(): void {
    if (!this.stale) return;
    this.owed = true;
    void this.start();
  }

  /** How many listings this row has started. */
  get listings(): number {
    return this.started;
  }

  /** Its rows after a listing that started after the last change; throws what that listing threw. */
  async listed(): Promise<TreeNode[]> {
    // A change during a running listing gets one follow-up; a storm is not chased for ever.
    for (let i = 0; i < 3 && (this.stale || this.running); i++) await (this.running ?? this.start());
    const outcome = this.outcome!;
    if ('error' in outcome) throw outcome.error;
    return outcome.rows;
  }

  private start(): Promise<void> {
    if (this.running) return this.running;
    this.stale = false;
    this.started++;
    const session = this.engine.session;
    const run = (async () => {
      try {
        if (!session) throw new Error(this.engine.error ?? 'not usable');
        const rows = await this.lister(session, this);
        session.reportUp();
        for (const row of rows) setEngineOwner(row, this);
        this.outcome = { rows };
      } catch (err) {
        this.outcome = { error: err };
      }
    })();
    this.running = run.then(() => {
      this.running = undefined;
      if (this.owed) {
        this.owed = false;
        this.redraw(this);
      }
    });
    return this.running;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.engine.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const session = this.engine.session;
    const state = session?.state;
    item.description = !session
      ? `not usable: ${this.engine.error}`
      : state?.kind === 'down'
        ? `not reachable: ${state.message}`
        : session.describeEndpoint();
    item.iconPath = new vscode.ThemeIcon(!session || state?.kind === 'down' ? 'error' : 'server');
    item.contextValue = 'engine.group';
    item.tooltip = `${this.engine.name}: ${item.description}`;
    return item;
  }

  async children(): Promise<TreeNode[]> {
    if (this.stale) void this.start();
    const running = this.running;
    if (running && this.outcome) {
      this.owed = true;
      return this.present(this.outcome);
    }
    if (running) {
      let answered = false;
      await Promise.race([running.then(() => (answered = true)), new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
      if (!answered) {
        this.owed = true;
        return this.outcome ? this.present(this.outcome) : [new MessageNode(`${this.id}:waiting`, `Waiting for ${this.engine.name} to answer…`, { icon: 'loading~spin' })];
      }
    }
    return this.present(this.outcome!);
  }

  private present(outcome: { rows: TreeNode[] } | { error: unknown }): TreeNode[] {
    if ('rows' in outcome) return outcome.rows;
    const err = outcome.error;
    const message = isEngineError(err) ? err.message : `Could not list the ${this.view} of ${this.engine.name}: ${(err as Error).message}`;
    if (isEngineError(err) && (err.kind === 'unreachable' || err.kind === 'permission')) this.engine.session?.reportDown(message);
    if (!this.engine.session) return [new MessageNode(`${this.id}:error`, message, { icon: 'error', tooltip: message })];
    return engineErrorNodes(this.id, message, this, unknownHostKeyOf(err));
  }
}
