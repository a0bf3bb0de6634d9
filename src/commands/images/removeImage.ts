import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { planImageRemoval, type RemovalStep } from '../../model/planImageRemoval';
import { shortId } from '../../model/shortId';
import type { TreeNode } from '../../views/TreeNode';
import { pickImages } from '../pick/pickImages';
import type { StowageContext } from '../StowageContext';

/**
 * Removes the selected names. The confirmation says, for each, whether the image
 * only loses that name or is deleted with it, and which containers use it; a
 * delete the engine would refuse because of a container is offered with force.
 */
export async function removeImage(ctx: StowageContext, node?: TreeNode, selection?: TreeNode[]): Promise<void> {
  const targets = await pickImages(ctx, node, selection, 'Remove image');
  const containers = await ctx.containers.containers();
  const plan = planImageRemoval(targets, containers);
  const blocked = plan.filter((s) => s.usedBy.length);
  const lines = plan.map(describeStep);
  const actions = blocked.length ? ['Remove, Forcing Past Containers'] : [plan.every((s) => s.effect === 'untag') ? 'Untag' : 'Remove'];
  const title = plan.length === 1 ? `Remove ${plan[0].reference}?` : `Remove ${plan.length} image names?`;
  const answer = await vscode.window.showWarningMessage(title, { modal: true, detail: lines.join('\n') }, ...actions);
  if (!answer) throw new vscode.CancellationError();
  const force = blocked.length > 0;
  const done: string[] = [];
  for (const step of plan) {
    const result = await engineModule().removeImage(ctx.session.engine(), step.reference, { force: force && step.usedBy.length > 0 });
    done.push(result.deleted.length ? `deleted ${shortId(step.image.id)}` : `untagged ${step.reference}`);
    ctx.log.info(`Removed ${step.reference}: ${result.untagged.length} untagged, ${result.deleted.length} deleted`);
  }
  ctx.session.refresh(['images']);
  void vscode.window.setStatusBarMessage(`Stowage: ${done.join(', ')}`, 5000);
}

function describeStep(s: RemovalStep): string {
  if (s.effect === 'untag') {
    return `• ${s.reference}: only this name is removed; image ${shortId(s.image.id)} stays as ${s.remaining.join(', ')}.`;
  }
  const users = s.usedBy.length ? ` Used by ${s.usedBy.map((c) => `${c.name} (${c.state})`).join(', ')}: the engine deletes it only with force${s.usedBy.some((c) => c.state === 'running') ? ', and never while a container runs from it (then it is only untagged)' : ''}.` : '';
  const what = s.reference === s.image.id ? `untagged image ${shortId(s.image.id)}` : `${s.reference} is the last name of image ${shortId(s.image.id)}`;
  return `• ${what}: the image is deleted.${users}`;
}
