import type { Engine } from './Engine';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'kill' | 'remove' | 'pause' | 'unpause';

/**
 * Start, stop, restart, kill, pause, unpause or remove a container. Stop sends SIGTERM and gives the
 * container its stop timeout (10 s unless it was created with another) before SIGKILL;
 * kill sends SIGKILL at once. Remove is forced only when asked (running containers).
 */
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
      case 'kill':
        return c.kill();
      case 'pause':
        return c.pause();
      case 'unpause':
        return c.unpause();
      case 'remove':
        return c.remove({ force: !!opts.force });
    }
  });
}
