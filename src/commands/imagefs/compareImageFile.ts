import * as vscode from 'vscode';
import { DiffEntryNode } from '../../views/comparison/DiffEntryNode';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';

/** The diff editor: image A's version of a changed file beside image B's, both read-only from their layers. */
export async function compareImageFile(_ctx: StowageContext, node?: DiffEntryNode): Promise<void> {
  if (!(node instanceof DiffEntryNode)) throw new UserError('Compare the Two Versions works on a changed file in the Image Comparison view.');
  const a = node.uriOf('a');
  const b = node.uriOf('b');
  if (!a || !b) throw new UserError(`/${node.diff.path} is not a file in both images.`);
  const { comparison } = node;
  await vscode.commands.executeCommand('vscode.diff', a, b, `${node.diff.name} (${comparison.a.reference} ↔ ${comparison.b.reference})`, { preview: true });
}
