import type { Engine } from './Engine';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

/** Start, stop, restart or remove a container. Remove is forced only when asked (running containers). */
export async function containerAction(engine: Engine, container: string, action: ContainerAction, opts: { force?: boolean } = {}): Promise<void> {
  await engine.call(`${action} container ${container}`, async (d) => {
    const c = d.getContainer(container);
    switch (action) {
      case 'start':
        return c.start();
      case 'stop':
        return c.stop();
      case 'restart':
        return c.restart();
      case 'remove':
        return c.remove({ force: !!opts.force });
    }
  });
}
