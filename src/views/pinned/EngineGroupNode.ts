import * as vscode from 'vscode';
import { isEngineError } from '../../session/isEngineError';
import { unknownHostKeyOf } from '../../session/unknownHostKeyOf';
import type { EngineSession } from '../../session/EngineSession';
import type { PinnedEngine } from '../../session/PinnedEngines';
import { SingleFlight } from '../../session/SingleFlight';
import { engineErrorNodes } from '../engineErrorNodes';
import { MessageNode } from '../MessageNode';
import type { TreeNode } from '../TreeNode';
import { setEngineOwner } from './engineOwner';

/** Lists one engine's part of a view (its repositories, its containers), under `parent`. */
export type EngineLister = (session: EngineSession, parent: EngineGroupNode) => Promise<TreeNode[]>;

/**
 * One pinned engine in the Images or Containers view. Its listing is its own: asked
 * when the row is expanded, kept until its engine reports a change, and failing on
 * its own (a message and a Retry under this row only), so an engine that is down
 * or frozen never holds the rows of another.
 */
export class EngineGroupNode implements TreeNode {
  readonly id: string;
  private readonly listing: SingleFlight<TreeNode[]>;

  constructor(
    readonly engine: PinnedEngine,
    private readonly view: string,
    lister: EngineLister,
  ) {
    this.id = `${view}:engine:${engine.name}`;
    this.listing = new SingleFlight(async () => {
      if (!engine.session) throw new Error(engine.error ?? 'not usable');
      const rows = await lister(engine.session, this);
      engine.session.reportUp();
      for (const row of rows) setEngineOwner(row, this);
      return rows;
    });
  }

  get session(): EngineSession | undefined {
    return this.engine.session;
  }

  /** Its engine changed: the next expansion lists again. */
  invalidate(): void {
    this.listing.invalidate();
  }

  /** Its rows, listed now or last; throws what the listing threw. */
  listed(): Promise<TreeNode[]> {
    return this.listing.get();
  }

  /** How many listings this group has started (tests read it). */
  get listings(): number {
    return this.listing.started;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.engine.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const session = this.engine.session;
    const state = session?.state;
    item.description = !session ? `not usable: ${this.engine.error}` : state?.kind === 'down' ? `not reachable: ${state.message}` : session.describeEndpoint();
    item.iconPath = new vscode.ThemeIcon(!session || state?.kind === 'down' ? 'error' : 'server');
    item.contextValue = 'engine.group';
    item.tooltip = `${this.engine.name}: ${item.description}`;
    return item;
  }

  async children(): Promise<TreeNode[]> {
    try {
      return await this.listing.get();
    } catch (err) {
      const message = isEngineError(err) ? err.message : `Could not list the ${this.view} of ${this.engine.name}: ${(err as Error).message}`;
      if (isEngineError(err) && (err.kind === 'unreachable' || err.kind === 'permission')) this.engine.session?.reportDown(message);
      if (!this.engine.session) return [new MessageNode(`${this.id}:error`, message, { icon: 'error', tooltip: message })];
      return engineErrorNodes(this.id, message, this, unknownHostKeyOf(err));
    }
  }
}
