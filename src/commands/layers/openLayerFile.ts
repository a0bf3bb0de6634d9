import * as vscode from 'vscode';
import { UserError } from '../UserError';
import type { StowageContext } from '../StowageContext';
import { LayerFileNode } from '../../views/images/LayerFileNode';
import { layerFileUri } from '../../views/images/LayerFileSystem';
import { FsEntryNode } from '../../views/imagefs/FsEntryNode';
import { DiffEntryNode } from '../../views/comparison/DiffEntryNode';

/** Opens a file of a layer read-only, its bytes as that layer stores them. */
export async function openLayerFile(ctx: StowageContext, node?: LayerFileNode | FsEntryNode | DiffEntryNode): Promise<void> {
  if (node instanceof FsEntryNode || node instanceof DiffEntryNode) {
    // A comparison's rows know their engine; a filesystem row is its pinned engine's (ctx.session).
    const uri = node instanceof FsEntryNode ? node.fileUri(ctx.session.pinned?.name) : node.fileUri();
    if (!uri) throw new UserError(`/${node instanceof FsEntryNode ? node.row.node.path : node.diff.path} has no file content to open.`);
    await vscode.commands.executeCommand('vscode.open', uri, { preview: true });
    return;
  }
  if (!(node instanceof LayerFileNode)) throw new UserError('Open File from Layer works on a file under an expanded layer, or an image’s Filesystem, in the Images view.');
  const { file, source } = node;
  if (file.kind !== 'file') throw new UserError(`/${file.path} is a ${file.kind}, not a file.`);
  // A removed file is opened as the layer below stored it.
  const layer = file.change === 'removed' && file.below !== undefined ? source.diffIds[file.below] : source.diffIds[source.layer];
  await vscode.commands.executeCommand('vscode.open', layerFileUri(source.imageId, layer, file.path, file.size, ctx.session.pinned?.name), { preview: true });
}
