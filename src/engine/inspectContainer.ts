import type Dockerode from 'dockerode';
import type { Engine } from './Engine';

export function inspectContainer(engine: Engine, container: string): Promise<Dockerode.ContainerInspectInfo> {
  return engine.call(`inspect container ${container}`, (d) => d.getContainer(container).inspect());
}
