import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { StowageTreeProvider } from '../StowageTreeProvider';
import type { TreeNode } from '../TreeNode';

/** What Stowage is connected to, and how that engine stores images. */
export class EngineTreeProvider extends StowageTreeProvider {
  constructor(session: EngineSession) {
    super(session, 'the engine');
  }

  protected async list(): Promise<TreeNode[]> {
    const d = await engineModule().describeEngine(this.session.engine());
    const row = (key: string, label: string, value: string, icon: string) => new MessageNode(`engine:${key}`, label, { description: value, icon, tooltip: `${label}: ${value}` });
    return [
      row('endpoint', 'Endpoint', `${d.endpoint} (${d.source})`, 'plug'),
      row('version', 'Engine', `${d.version} · API ${d.apiVersion}`, 'server'),
      row('os', 'OS', `${d.os} · ${d.arch} · kernel ${d.kernel}`, 'device-desktop'),
      row('driver', 'Storage driver', d.storageDriver, 'database'),
      row('root', 'Root directory', d.rootDir, 'folder'),
      row('images', 'Images', String(d.images), 'file-binary'),
      row('containers', 'Containers', `${d.containers} (${d.running} running, ${d.stopped} stopped)`, 'vm'),
    ];
  }
}
