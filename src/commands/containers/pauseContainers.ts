import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';

/** Freezes (cgroup freezer) or thaws the chosen containers: `docker pause` / `docker unpause`. */
export async function pauseContainers(ctx: StowageContext, action: 'pause' | 'unpause', node?: TreeNode, selection?: TreeNode[]): Promise<void> {
  const wanted = action === 'pause' ? 'running' : 'paused';
  const targets = await pickContainers(ctx, node, selection, `${action === 'pause' ? 'Pause' : 'Unpause'} container`, (c) => c.state === wanted);
  await vscode.window.withProgress({ location: { viewId: 'stowage.containers' }, title: `${action === 'pause' ? 'Pausing' : 'Unpausing'} ${targets.map((t) => t.name).join(', ')}` }, async () => {
    for (const t of targets) await engineModule().containerAction(ctx.session.engine(), t.id, action);
  });
  ctx.session.refresh(['containers']);
}
