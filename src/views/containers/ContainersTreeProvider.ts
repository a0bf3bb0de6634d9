import type { ContainerSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
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

  constructor(session: EngineSession) {
    super(session, 'containers');
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

  async containers(): Promise<ContainerSummary[]> {
    this.latest = await engineModule().listContainers(this.session.engine());
    return this.latest;
  }

  protected async list(): Promise<TreeNode[]> {
    const list = await this.containers();
    if (!list.length) return [new MessageNode('containers:empty', 'No containers.', { icon: 'info' })];
    const { projects, others } = groupByCompose(list);
    const isStopping = (id: string) => this.stopping.has(id);
    return [
      ...projects.map((p) => new ComposeProjectNode(p, this.session, isStopping)),
      ...[...others]
        .sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || b.created - a.created)
        .map((c) => new ContainerNode(c, this.session, isStopping(c.id))),
    ];
  }

  /** The row of container `id` after a fresh listing, for reveal() once Stowage has created it. */
  async findContainer(id: string): Promise<ContainerNode | undefined> {
    this.refresh();
    const roots = await this.roots();
    const rows = roots.flatMap((n) => (n instanceof ComposeProjectNode ? n.nodes : [n]));
    return rows.find((n): n is ContainerNode => n instanceof ContainerNode && n.container.id === id);
  }
}
