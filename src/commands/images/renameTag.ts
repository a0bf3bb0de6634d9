import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import { askReference } from '../askReference';
import { pickImages } from '../pick/pickImages';
import { revealImage } from '../revealImage';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { confirmNameMoves } from './confirmNameMoves';

/** Tag with the new name, then untag the old one, as one action. */
export async function renameTag(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const [target] = await pickImages(ctx, node, undefined, 'Rename tag', false);
  if (!target.image.repoTags.includes(target.reference)) throw new UserError('An untagged image has no name to rename: use Tag Image to give it one.');
  const typed = await askReference({ title: `Rename ${target.reference}`, prompt: 'New name: [registry[:port]/][namespace/]name[:tag]', value: target.reference });
  if (!typed) throw new vscode.CancellationError();
  const newName = typed.tag ? typed.text : `${typed.text}:latest`;
  if (newName === target.reference) return;
  const plan = await confirmNameMoves(ctx, target.image.id, [newName], 'Renaming');
  await engineModule().renameTag(ctx.session.engine(), target.reference, newName, { replace: plan.moves.length > 0 });
  ctx.session.refresh(['images']);
  await revealImage(ctx, newName);
}
