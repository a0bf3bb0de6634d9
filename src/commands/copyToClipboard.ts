import * as vscode from 'vscode';
import { containerCopyText, imageCopyText, type ContainerCopyKind, type ImageCopyKind } from '../model/copyText';
import { ContainerNode } from '../views/containers/ContainerNode';
import type { TreeNode } from '../views/TreeNode';
import { pickContainers } from './pick/pickContainer';
import { pickImages } from './pick/pickImages';
import type { StowageContext } from './StowageContext';
import { UserError } from './UserError';

const LABEL: Record<ImageCopyKind | ContainerCopyKind, string> = { shortId: 'short ID', fullId: 'full ID', reference: 'reference', digest: 'digest', containerId: 'container ID', containerName: 'container name' };

/** Copies one value of each selected image or container, one per line (Copy All from a multi-selection). */
export async function copyToClipboard(ctx: StowageContext, kind: ImageCopyKind | ContainerCopyKind, node?: TreeNode, selection?: TreeNode[]): Promise<string> {
  let lines: string[];
  if (kind === 'containerId' || kind === 'containerName') {
    const containers = await pickContainers(ctx, node, selection?.filter((n) => n instanceof ContainerNode), `Copy ${LABEL[kind]}`);
    lines = containers.map((c) => containerCopyText(kind, c));
  } else {
    const images = await pickImages(ctx, node, selection, `Copy ${LABEL[kind]}`);
    const values = images.map((t) => ({ t, text: imageCopyText(kind, t.reference, t.image) }));
    const missing = values.filter((v) => v.text === undefined);
    if (missing.length === values.length) throw new UserError(`${missing.map((m) => m.t.reference).join(', ')} has no digest: an image gets one when it is pushed to or pulled from a registry.`);
    lines = values.flatMap((v) => (v.text ? [v.text] : []));
  }
  const text = lines.join('\n');
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(`Stowage: copied ${lines.length === 1 ? text : `${lines.length} ${LABEL[kind]}s`}`, 3000);
  return text;
}
