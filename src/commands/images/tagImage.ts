import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { describeTagResult } from '../../model/describeTagResult';
import { parseNameList } from '../../model/parseNameList';
import type { TreeNode } from '../../views/TreeNode';
import { pickImages } from '../pick/pickImages';
import { revealImage } from '../revealImage';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { confirmNameMoves } from './confirmNameMoves';

/**
 * Gives an image more names (`docker tag`, once per name): several can be typed
 * at once, separated by spaces or commas, each checked by the grammar as it is
 * typed. A name that belongs to another image is moved only after asking.
 */
export async function tagImage(ctx: StowageContext, node?: TreeNode): Promise<string> {
  const [target] = await pickImages(ctx, node, undefined, 'Tag image', false);
  const typed = await vscode.window.showInputBox({
    title: `Add tags to ${target.reference}`,
    prompt: 'One or more names, separated by spaces or commas: [registry[:port]/][namespace/]name[:tag]',
    value: target.image.repoTags.length ? target.reference : '',
    placeHolder: 'walk/app:1.0 walk/app:latest',
    ignoreFocusOut: true,
    validateInput: (v) => parseNameList(v).error?.message,
  });
  if (typed === undefined) throw new vscode.CancellationError();
  const list = parseNameList(typed);
  if (list.error) throw new UserError(list.error.message);
  const names = list.names.map((n) => n.reference);

  const plan = await confirmNameMoves(ctx, target.image.id, names, 'Tagging');
  const moving = new Set(plan.moves.map((m) => m.name));
  const engine = ctx.session.engine();
  try {
    // Only the names the user agreed to move may be moved: a name taken meanwhile stops here (conflict).
    for (const name of [...plan.fresh, ...moving]) await engineModule().tagImage(engine, target.image.id, name, { replace: moving.has(name) });
  } finally {
    ctx.session.refresh(['images']);
  }
  const message = describeTagResult(target.image.id, plan);
  const first = [...plan.fresh, ...moving][0];
  if (first) await revealImage(ctx, first);
  void vscode.window.showInformationMessage(message);
  return message;
}
