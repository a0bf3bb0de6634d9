import type { ContainerSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import type { PinnedEngines } from '../../session/PinnedEngines';
import type { EngineGroupNode } from '../pinned/EngineGroupNode';
import { MessageNode } from '../MessageNode';
import { StowageTreeProvider } from '../StowageTreeProvider';
import type { TreeNode } from '../TreeNode';
import { groupByCompose } from '../../model/groupByCompose';
import { ComposeProjectNode } from './ComposeProjectNode';
import { ContainerNode } from './ContainerNode';

/** Running and stopped containers: Compose projects first (one row each), then the others, running first. */
export class ContainersTreeProvider extends StowageTreeProvider {
  private latest: ContainerSummary[] = [];
  /** Containers Stowage is stopping, with how many stops of each are under way. */
  private readonly stopping = new Map<string, number>();

  constructor(session: EngineSession, pins?: PinnedEngines) {
    super(session, 'containers', pins, 'containers');
  }

  /**
   * Shows the container as stopping until `work` settles: a stop takes up to the stop
   * timeout, and all that while the engine still reports it running.
   */
  async whileStopping<T>(ids: readonly string[], work: () => Promise<T>): Promise<T> {
    for (const id of ids) this.stopping.set(id, (this.stopping.get(id) ?? 0) + 1);
    this.refresh();
    try {
      return await work();
    } finally {
      for (const id of ids) {
        const left = (this.stopping.get(id) ?? 1) - 1;
        if (left > 0) this.stopping.set(id, left);
        else this.stopping.delete(id);
      }
      this.refresh();
    }
  }

  isStopping(id: string): boolean {
    return this.stopping.has(id);
  }

  /** The main engine's containers, listed now (quick picks). */
  async containers(): Promise<ContainerSummary[]> {
    this.latest = await engineModule().listContainers(this.session.engine());
    return this.latest;
  }

  protected async listEngine(session: EngineSession, parent?: EngineGroupNode): Promise<TreeNode[]> {
    const list = await engineModule().listContainers(session.engine());
    if (session === this.session) this.latest = list;
    if (!list.length) return [new MessageNode('containers:empty', 'No containers.', { icon: 'info' })];
    const { projects, others } = groupByCompose(list);
    const isStopping = (id: string) => this.stopping.has(id);
    const rows = [
      ...projects.map((p) => new ComposeProjectNode(p, session, isStopping)),
      ...[...others]
        .sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || b.created - a.created)
        .map((c) => new ContainerNode(c, session, isStopping(c.id))),
    ];
    await this.readExpanded(rows, parent);
    return rows;
  }

  /**
   * Reads now what the expanded containers show (their changes, and their files when Files
   * is open too), so that the view redraws with those rows at hand. VS Code forgets the
   * rows below an expanded row from the change event until they are given again; had they
   * waited on the engine then, a right-click on a container's file in that window (Open
   * File from Container, Copy Out) got no row. Meanwhile the view shows the rows it had.
   */
  private async readExpanded(rows: TreeNode[], parent?: EngineGroupNode): Promise<void> {
    const containers = rows.flatMap((n) => (n instanceof ComposeProjectNode ? n.nodes : n instanceof ContainerNode ? [n] : []));
    const open = (id: string) => this.expanded.has(this.rowKey(id, parent));
    await Promise.all(containers.filter((c) => open(c.id)).map((c) => c.readAhead(open(`${c.id}/files`))));
  }

  /** The row of container `id` (on the main engine) after a fresh listing, for reveal() once Stowage has created it. */
  async findContainer(id: string): Promise<ContainerNode | undefined> {
    this.refresh();
    const roots = await this.roots();
    const main = this.grouped ? await this.mainGroup() : undefined;
    const rows = (main ? await main.listed() : roots).flatMap((n) => (n instanceof ComposeProjectNode ? n.nodes : [n]));
    return rows.find((n): n is ContainerNode => n instanceof ContainerNode && n.container.id === id);
  }
}
