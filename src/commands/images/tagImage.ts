import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import { askReference } from '../askReference';
import { pickImages } from '../pick/pickImages';
import { revealImage } from '../revealImage';
import type { StowageContext } from '../StowageContext';

/** Gives an image one more name (`docker tag`). An image can carry many. */
export async function tagImage(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const [target] = await pickImages(ctx, node, undefined, 'Tag image', false);
  const typed = await askReference({ title: `Add a tag to ${target.reference}`, prompt: 'New name: [registry[:port]/][namespace/]name[:tag]', value: target.image.repoTags.length ? target.reference : '' });
  if (!typed) throw new vscode.CancellationError();
  const newName = typed.tag ? typed.text : `${typed.text}:latest`;
  const result = await tagWithReplaceOffer(ctx, () => engineModule().tagImage(ctx.session.engine(), target.image.id, newName), () => engineModule().tagImage(ctx.session.engine(), target.image.id, newName, { replace: true }));
  ctx.session.refresh(['images']);
  if (result) await revealImage(ctx, newName);
}

/** When the name belongs to another image, asks before moving it (that image would lose it). */
export async function tagWithReplaceOffer<T>(ctx: StowageContext, first: () => Promise<T>, replacing: () => Promise<T>): Promise<T | undefined> {
  try {
    return await first();
  } catch (err) {
    const e = err as { kind?: string; message: string };
    if (e.kind !== 'conflict') throw err;
    const answer = await vscode.window.showWarningMessage(e.message, { modal: true, detail: 'Moving the name leaves the other image without it (untagged if it has no other name).' }, 'Move the Name');
    if (answer !== 'Move the Name') throw new vscode.CancellationError();
    return replacing();
  }
}
