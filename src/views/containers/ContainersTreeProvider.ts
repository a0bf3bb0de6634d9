import type { ContainerSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { StowageTreeProvider } from '../StowageTreeProvider';
import type { TreeNode } from '../TreeNode';
import { ContainerNode } from './ContainerNode';

/** Running and stopped containers, running first. */
export class ContainersTreeProvider extends StowageTreeProvider {
  private latest: ContainerSummary[] = [];

  constructor(session: EngineSession) {
    super(session, 'containers');
  }

  async containers(): Promise<ContainerSummary[]> {
    this.latest = await engineModule().listContainers(this.session.engine());
    return this.latest;
  }

  protected async list(): Promise<TreeNode[]> {
    const list = await this.containers();
    if (!list.length) return [new MessageNode('containers:empty', 'No containers.', { icon: 'info' })];
    return [...list]
      .sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || b.created - a.created)
      .map((c) => new ContainerNode(c, this.session));
  }
}
