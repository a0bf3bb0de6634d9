import * as vscode from 'vscode';
import { config } from '../../config';
import { ContainerLogs } from '../../terminal/ContainerLogs';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';

/** A container's log in a terminal: the last stowage.logs.tail lines, then new ones as they come. */
export async function showLogs(ctx: StowageContext, node?: TreeNode, timestamps = false): Promise<vscode.Terminal> {
  const [container] = await pickContainers(ctx, node, undefined, 'Show the logs of container');
  const tail = config.logTail();
  const terminal = vscode.window.createTerminal({
    name: `Logs: ${container.name}`,
    pty: new ContainerLogs(ctx.session.engine(), container.id, container.name, { tail: tail || undefined, timestamps }),
    iconPath: new vscode.ThemeIcon('output'),
  });
  terminal.show();
  return terminal;
}
