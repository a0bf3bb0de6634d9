import type { Engine } from './Engine';

/**
 * Whether a shell exec'd in a container ended because the container did: "stopped" or
 * "removed", else undefined (the shell itself exited, or the engine cannot say). A shell
 * killed by a signal (exit code 128+N, or none) can end a moment before the engine marks
 * its container exited, so that case is looked at again for up to `graceMs`.
 */
export async function shellEndedWithContainer(
  engine: Engine,
  container: string,
  exitCode: number | null | undefined,
  graceMs = 3_000,
): Promise<'stopped' | 'removed' | undefined> {
  const killed = exitCode === null || exitCode === undefined || exitCode >= 128;
  const deadline = Date.now() + (killed ? graceMs : 0);
  for (;;) {
    try {
      const info = await engine.call(`inspect container ${container}`, (d) => d.getContainer(container).inspect());
      if (!info.State.Running) return 'stopped';
    } catch (err) {
      return (err as { kind?: string }).kind === 'notFound' ? 'removed' : undefined;
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
