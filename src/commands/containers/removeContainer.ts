import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';

export async function removeContainer(ctx: StowageContext, node?: TreeNode, selection?: TreeNode[]): Promise<void> {
  const targets = await pickContainers(ctx, node, selection, 'Remove container');
  const running = targets.filter((t) => t.state === 'running');
  const names = targets.map((t) => t.name).join(', ');
  const detail =
    (running.length ? `${running.map((t) => t.name).join(', ')} ${running.length === 1 ? 'is' : 'are'} running and will be stopped. ` : '') +
    'The writable layer (every file changed inside) is lost unless you commit it first.';
  const answer = await vscode.window.showWarningMessage(`Remove ${targets.length === 1 ? 'container' : 'containers'} ${names}?`, { modal: true, detail }, 'Remove');
  if (answer !== 'Remove') throw new vscode.CancellationError();
  for (const t of targets) await engineModule().containerAction(ctx.session.engine(), t.id, 'remove', { force: t.state === 'running' });
  ctx.session.refresh(['containers', 'images']);
}
