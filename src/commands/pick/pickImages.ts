import * as vscode from 'vscode';
import type { ImageSummary } from '../../engine/types';
import { formatAge } from '../../model/formatAge';
import { formatBytes } from '../../shared/formatBytes';
import { shortId } from '../../model/shortId';
import { TagNode } from '../../views/images/TagNode';
import { UntaggedImageNode } from '../../views/images/UntaggedNode';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';

export interface ImageTarget {
  /** A name (`repo:tag`) or, for untagged images, the ID. */
  readonly reference: string;
  readonly image: ImageSummary;
}

/**
 * The images a command acts on: the right-clicked node and the rest of the
 * multi-selection, or, from the palette, what the user picks.
 */
export async function pickImages(ctx: StowageContext, node: TreeNode | undefined, selection: readonly TreeNode[] | undefined, title: string, canPickMany = true): Promise<ImageTarget[]> {
  const nodes = selection && selection.length ? selection : node ? [node] : [];
  const fromNodes = nodes.flatMap((n) => (n instanceof TagNode ? [{ reference: n.reference, image: n.entry.image }] : n instanceof UntaggedImageNode ? [{ reference: n.image.id, image: n.image }] : []));
  if (fromNodes.length) return fromNodes;
  const images = await ctx.images.images();
  const items = images.flatMap((image) =>
    (image.repoTags.length ? image.repoTags : [image.id]).map((reference) => ({
      label: image.repoTags.length ? reference : `<none>:<none>`,
      description: `${shortId(image.id)} · ${formatBytes(image.size)} · ${formatAge(image.created)}`,
      target: { reference, image },
    })),
  );
  if (!items.length) throw new vscode.CancellationError();
  const picked = canPickMany
    ? await vscode.window.showQuickPick(items, { title, canPickMany: true, matchOnDescription: true })
    : await vscode.window.showQuickPick(items, { title, matchOnDescription: true }).then((p) => (p ? [p] : undefined));
  if (!picked || !picked.length) throw new vscode.CancellationError();
  return picked.map((p) => p.target);
}
