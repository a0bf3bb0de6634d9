import { engineModule } from '../../engineModule';
import { describeImageCount } from '../../model/describeImageCount';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { StowageTreeProvider } from '../StowageTreeProvider';
import type { TreeNode } from '../TreeNode';

/** What Stowage is connected to, and how that engine stores images. */
export class EngineTreeProvider extends StowageTreeProvider {
  /** `listedImages` gives the Images view's own listing (shared, not a second one), to compare counts. */
  constructor(
    session: EngineSession,
    private readonly listedImages: () => Promise<number>,
  ) {
    super(session, 'the engine');
  }

  protected async listEngine(): Promise<TreeNode[]> {
    const [d, listed] = await Promise.all([engineModule().describeEngine(this.session.engine()), this.listedImages().catch(() => undefined)]);
    const count = describeImageCount(d.images, listed);
    const row = (key: string, label: string, value: string, icon: string) => new MessageNode(`engine:${key}`, label, { description: value, icon, tooltip: `${label}: ${value}` });
    return [
      row('endpoint', 'Endpoint', `${d.endpoint} (${d.source})`, 'plug'),
      row('version', 'Engine', `${d.version} · API ${d.apiVersion}`, 'server'),
      row('os', 'OS', `${d.os} · ${d.arch} · kernel ${d.kernel}`, 'device-desktop'),
      row('driver', 'Storage driver', d.storageDriver, 'database'),
      row('root', 'Root directory', d.rootDir, 'folder'),
      new MessageNode('engine:images', 'Images', { description: count.description, icon: 'file-binary', tooltip: count.tooltip }),
      row('containers', 'Containers', `${d.containers} (${d.running} running, ${d.stopped} stopped)`, 'vm'),
    ];
  }
}
