import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { parseContainerName } from '../../model/run/parseContainerName';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';

export async function renameContainer(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const [container] = await pickContainers(ctx, node, undefined, 'Rename container');
  const typed = await vscode.window.showInputBox({
    title: `Rename ${container.name}`,
    value: container.name,
    validateInput: (v) => {
      try {
        return parseContainerName(v) ? undefined : 'Type the new name.';
      } catch (err) {
        return (err as Error).message;
      }
    },
  });
  if (typed === undefined || typed.trim() === container.name) throw new vscode.CancellationError();
  await engineModule().renameContainer(ctx.session.engine(), container.id, typed);
  ctx.session.refresh(['containers']);
}
