import * as vscode from 'vscode';
import type { ContainerSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import type { StowageContext } from '../StowageContext';

/**
 * Stops containers, all at once. A stop can take the whole stop timeout (SIGTERM,
 * then SIGKILL after 10 s unless the container was created with another), and the
 * engine reports the container running all that while: so the rows say "stopping…",
 * and the notification offers to kill them now.
 */
export async function stopContainers(ctx: StowageContext, targets: readonly ContainerSummary[]): Promise<void> {
  const ids = targets.map((t) => t.id);
  const names = targets.map((t) => t.name).join(', ');
  const one = targets.length === 1;
  const kill = `command:stowage.killContainer?${encodeURIComponent(JSON.stringify([ids]))}`;
  const results = await ctx.containers.whileStopping(ids, async () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Stopping ${names}` }, async (progress) => {
      progress.report({
        message: `SIGTERM sent; the engine kills ${one ? 'it' : 'them'} if ${one ? 'it has' : 'they have'} not exited when the stop timeout (10 s by default) ends. [Kill now](${kill})`,
      });
      return Promise.allSettled(targets.map((t) => engineModule().containerAction(ctx.session.engine(), t.id, 'stop')));
    }),
  );
  ctx.session.refresh(['containers']);
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failed.length) throw failed[0];
}
