import * as vscode from 'vscode';
import { UserError } from '../UserError';
import type { StowageContext } from '../StowageContext';
import { LayerFileNode } from '../../views/images/LayerFileNode';
import { layerFileUri } from '../../views/images/LayerFileSystem';

/** The diff editor: a modified file as the layer below left it, beside this layer's version. */
export async function compareLayerFileWithBelow(ctx: StowageContext, node?: LayerFileNode): Promise<void> {
  if (!(node instanceof LayerFileNode)) throw new UserError('Compare with the Version Below works on a modified file under an expanded layer in the Images view.');
  const { file, source } = node;
  if (file.change !== 'modified' || file.below === undefined || file.kind !== 'file') throw new UserError(`/${file.path} is not a file this layer modifies.`);
  const belowId = source.diffIds[file.below];
  const engine = ctx.session.pinned?.name;
  const below = layerFileUri(source.imageId, belowId, file.path, 0, engine);
  const here = layerFileUri(source.imageId, source.diffIds[source.layer], file.path, file.size, engine);
  const title = `${file.name} (layer ${file.below} ↔ layer ${source.layer})`;
  await vscode.commands.executeCommand('vscode.diff', below, here, title, { preview: true });
}
