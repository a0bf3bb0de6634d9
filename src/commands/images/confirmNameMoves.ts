import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { describeNameMove } from '../../model/describeNameMove';
import { planNameMoves, type NamePlan } from '../../model/planNameMoves';
import { plural } from '../../model/plural';
import type { StowageContext } from '../StowageContext';

/**
 * Before names go to an image (`targetId`, or '' for the image a commit will make),
 * finds which of them belong to another image now and, if any do, asks first,
 * naming each image that would lose a name and whether it becomes <none>. The
 * engine itself moves a name without a word; the user should not find out later.
 * Resolves to the plan (its moves are what the user agreed to); throws a
 * cancellation when they decline.
 */
export async function confirmNameMoves(ctx: StowageContext, targetId: string, names: readonly string[], action: string): Promise<NamePlan> {
  const owners = await engineModule().findNameOwners(ctx.session.engine(), names);
  const plan = planNameMoves(targetId, names, owners);
  if (plan.moves.length === 0) return plan;
  const losers = new Set(plan.moves.map((m) => m.fromImage));
  const title =
    plan.moves.length === 1
      ? `${plan.moves[0].name} belongs to another image. Move it?`
      : `${plan.moves.length} of these names belong to ${losers.size === 1 ? 'another image' : plural(losers.size, 'other image')}. Move them?`;
  const detail = [...plan.moves.map(describeNameMove), '', `${action} moves ${plan.moves.length === 1 ? 'it' : 'them'} away from there (a name points at one image at a time).`].join('\n');
  const button = plan.moves.length === 1 ? 'Move the Name' : 'Move the Names';
  const answer = await vscode.window.showWarningMessage(title, { modal: true, detail }, button);
  if (answer !== button) throw new vscode.CancellationError();
  return plan;
}
