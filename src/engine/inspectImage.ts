import type Dockerode from 'dockerode';
import type { Engine } from './Engine';

export function inspectImage(engine: Engine, image: string): Promise<Dockerode.ImageInspectInfo> {
  return engine.call(`inspect image ${image}`, (d) => d.getImage(image).inspect());
}
