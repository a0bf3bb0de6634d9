import * as vscode from 'vscode';
import { containerImageName } from '../../model/containerImageName';
import type { ContainerSummary } from '../../engine/types';
import { ContainerNode } from '../../views/containers/ContainerNode';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';

/** The clicked containers, or one the user picks from the palette (optionally only running ones). */
export async function pickContainers(
  ctx: StowageContext,
  node: TreeNode | undefined,
  selection: readonly TreeNode[] | undefined,
  title: string,
  filter: (c: ContainerSummary) => boolean = () => true,
): Promise<ContainerSummary[]> {
  const nodes = selection && selection.length ? selection : node ? [node] : [];
  const fromNodes = nodes.flatMap((n) => (n instanceof ContainerNode ? [n.container] : []));
  if (fromNodes.length) return fromNodes;
  const list = (await ctx.containers.containers()).filter(filter);
  if (!list.length) {
    void vscode.window.showInformationMessage('Stowage: no container to choose from.');
    throw new vscode.CancellationError();
  }
  const picked = await vscode.window.showQuickPick(
    list.map((c) => ({ label: c.name, description: `${containerImageName(c.image)} · ${c.state}`, detail: c.status, container: c })),
    { title, matchOnDescription: true },
  );
  if (!picked) throw new vscode.CancellationError();
  return [picked.container];
}
