import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { StowageContext } from '../StowageContext';
import { requireRemoteTag } from './requireRemoteTag';

/**
 * Deletes the manifest the tag points to, after a confirmation that says what
 * goes: the registry deletes manifests, so every tag on that digest goes too
 * (those of this repository the view has read are named).
 */
export async function deleteRemoteTag(ctx: StowageContext, node: unknown): Promise<void> {
  const tag = requireRemoteTag(node);
  const mod = engineModule();
  const client = tag.parent.parent.client();
  const { digest } = await mod.headDigest(client, tag.parent.path, tag.tag);
  const siblings = await tag.parent.tagsOn(digest);
  const others = siblings.filter((t) => t !== tag.tag);
  const detail =
    `The registry deletes the manifest ${digest}, not just the name: ` +
    (others.length ? `every tag that points at it goes with it: ${[tag.tag, ...others].join(', ')}.` : `every tag that points at it goes with it (here only ${tag.tag}).`) +
    ' This cannot be undone from here.';
  const choice = await vscode.window.showWarningMessage(`Delete ${tag.reference} from ${tag.parent.parent.domain}?`, { modal: true, detail }, 'Delete Manifest');
  if (choice !== 'Delete Manifest') throw new vscode.CancellationError();
  await mod.deleteTag(client, tag.parent.path, tag.tag);
  ctx.registries.refreshNode(tag.parent);
  void vscode.window.showInformationMessage(`Deleted ${tag.parent.name}@${digest} (${[tag.tag, ...others].join(', ')}) from ${tag.parent.parent.domain}.`);
}
