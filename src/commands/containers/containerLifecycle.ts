import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';
import { stopContainers } from './stopContainers';

const VERB = { start: 'Starting', stop: 'Stopping', restart: 'Restarting' } as const;

export async function containerLifecycle(ctx: StowageContext, action: 'start' | 'stop' | 'restart', node?: TreeNode, selection?: TreeNode[]): Promise<void> {
  const wanted = action === 'start' ? (c: { state: string }) => c.state !== 'running' : (c: { state: string }) => c.state === 'running';
  const targets = await pickContainers(ctx, node, selection, `${action[0].toUpperCase()}${action.slice(1)} container`, wanted);
  if (action === 'stop') return stopContainers(ctx, targets);
  await vscode.window.withProgress({ location: { viewId: 'stowage.containers' }, title: `${VERB[action]} ${targets.map((t) => t.name).join(', ')}` }, async () => {
    for (const t of targets) await engineModule().containerAction(ctx.session.engine(), t.id, action);
  });
  ctx.session.refresh(['containers']);
}
