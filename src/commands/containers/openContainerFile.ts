import * as vscode from 'vscode';
import { UserError } from '../UserError';
import type { StowageContext } from '../StowageContext';
import { ContainerFileNode } from '../../views/containers/ContainerFileNode';
import { containerFileUri } from '../../views/containers/ContainerFileSystem';

/** Opens a container's file read-only, as the container sees it now, on the engine that runs it (ctx.session: a pinned engine's for its rows). */
export async function openContainerFile(ctx: StowageContext, node?: ContainerFileNode): Promise<void> {
  if (!(node instanceof ContainerFileNode)) throw new UserError('Open File works on a file under a container\'s Files in the Containers view.');
  const e = node.file.entry;
  if (e?.kind !== 'file') throw new UserError(`/${node.file.path} is a ${e?.kind ?? 'folder'}, not a file.`);
  await vscode.commands.executeCommand('vscode.open', containerFileUri(node.containerId, node.file.path, e.size, ctx.session.pinned?.name), { preview: true });
}
