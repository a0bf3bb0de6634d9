import * as vscode from 'vscode';
import type { ContainerSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';

/**
 * Sends SIGKILL to running (or stopping) containers: from the row's menu, the palette,
 * or the "Kill now" link of a stop's notification, which passes container IDs.
 */
export async function killContainer(ctx: StowageContext, node?: TreeNode | string[], selection?: TreeNode[]): Promise<void> {
  const targets = Array.isArray(node) ? await byId(ctx, node) : await pickContainers(ctx, node, selection, 'Kill container', (c) => c.state === 'running');
  const running = targets.filter((t) => t.state === 'running');
  if (!running.length) {
    void vscode.window.showInformationMessage(`${targets.map((t) => t.name).join(', ') || 'The container'} already stopped.`);
    return;
  }
  const results = await Promise.allSettled(running.map((t) => engineModule().containerAction(ctx.session.engine(), t.id, 'kill')));
  ctx.session.refresh(['containers']);
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ container: running[i], err: r.reason as Error }] : []));
  // A container that exited between the listing and the kill is what the user wanted.
  const now = failed.length ? await ctx.containers.containers() : [];
  const real = failed.filter((f) => now.some((c) => c.id === f.container.id && c.state === 'running'));
  if (real.length) throw real[0].err;
}

async function byId(ctx: StowageContext, ids: readonly string[]): Promise<ContainerSummary[]> {
  const list = await ctx.containers.containers();
  return ids.flatMap((id) => list.filter((c) => c.id === id));
}
