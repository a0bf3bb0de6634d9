import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { describeRemovalResult } from '../../model/describeRemovalResult';
import { planImageRemoval, type RemovalStep } from '../../model/planImageRemoval';
import { plural } from '../../model/plural';
import { shortId } from '../../model/shortId';
import type { TreeNode } from '../../views/TreeNode';
import { pickImages } from '../pick/pickImages';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';

/**
 * Removes the selected names. The confirmation says, for each, what the engine
 * will do: untag, delete, delete with force past stopped containers, or (a
 * running container uses it) only untag while the image stays. The button says
 * the same, and afterwards the engine's own answer is reported.
 */
export async function removeImage(ctx: StowageContext, node?: TreeNode, selection?: TreeNode[]): Promise<string> {
  const targets = await pickImages(ctx, node, selection, 'Remove image');
  const containers = await ctx.containers.containers();
  const plan = planImageRemoval(targets, containers);
  const doable = plan.filter((s) => s.outcome !== 'refused');
  const lines = plan.map(describeStep);
  if (doable.length === 0) throw new UserError(lines.join(' '));
  const deletes = doable.some((s) => s.outcome === 'delete' || s.outcome === 'forceDelete');
  const action = !deletes ? 'Untag' : doable.some((s) => s.outcome === 'forceDelete') ? 'Remove with Force' : 'Remove';
  const title = plan.length === 1 ? `${deletes ? 'Remove' : 'Untag'} ${plan[0].reference}?` : `${deletes ? 'Remove' : 'Untag'} ${plural(plan.length, 'image name')}?`;
  const answer = await vscode.window.showWarningMessage(title, { modal: true, detail: lines.join('\n') }, action);
  if (!answer) throw new vscode.CancellationError();
  const done: string[] = [];
  try {
    for (const step of doable) {
      const result = await engineModule().removeImage(ctx.session.engine(), step.reference, { force: step.force });
      done.push(describeRemovalResult(step, result));
      ctx.log.info(`Removed ${step.reference}: ${result.untagged.length} untagged, ${result.deleted.length} deleted`);
    }
  } finally {
    ctx.session.refresh(['images']);
  }
  const skipped = plan.filter((s) => s.outcome === 'refused').map((s) => `Kept image ${shortId(s.image.id)}: ${names(s)} running from it`);
  const message = `${[...done, ...skipped].join('. ')}.`;
  void vscode.window.showInformationMessage(message);
  return message;
}

function names(s: RemovalStep): string {
  return `${s.usedBy.length === 1 ? 'container' : 'containers'} ${s.usedBy.map((c) => c.name).join(', ')} ${s.usedBy.length === 1 ? 'is' : 'are'}`;
}

function describeStep(s: RemovalStep): string {
  const id = shortId(s.image.id);
  const what = s.reference === s.image.id ? `untagged image ${id}` : `${s.reference} is the last name of image ${id}`;
  switch (s.outcome) {
    case 'untag':
      return `• ${s.reference}: only this name is removed; image ${id} keeps ${s.remaining.join(', ')}.`;
    case 'delete':
      return `• ${what}: the image is deleted.`;
    case 'forceDelete':
      return `• ${what}: the image is deleted with force; ${s.usedBy.map((c) => `${c.name} (${c.state})`).join(', ')} ${s.usedBy.length === 1 ? 'was' : 'were'} created from it and ${s.usedBy.length === 1 ? 'stays' : 'stay'}, with only its ID.`;
    case 'untagOnly':
      return `• ${what}, but ${names(s)} running from it: only the name is removed; the image stays, as <none>:<none>, while ${s.usedBy.length === 1 ? 'it uses' : 'they use'} it.`;
    case 'refused':
      return `• ${what}: ${names(s)} running from it, and the engine does not delete an image in use, even with force. Stop and remove the container first. It is left as it is.`;
  }
}
