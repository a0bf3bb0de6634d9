import * as vscode from 'vscode';
import { config } from '../../config';
import { ContainerShell } from '../../terminal/ContainerShell';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';

/** An interactive shell (stowage.containerShell, /bin/sh by default) in a running container, in a terminal. */
export async function openShell(ctx: StowageContext, node?: TreeNode): Promise<vscode.Terminal> {
  const [container] = await pickContainers(ctx, node, undefined, 'Open a shell in container', (c) => c.state === 'running');
  if (container.state !== 'running') throw new UserError(`Container ${container.name} is ${container.state}: start it first to open a shell.`);
  const shell = config.shell();
  const terminal = vscode.window.createTerminal({
    name: `${container.name}: ${shell.join(' ')}`,
    pty: new ContainerShell(ctx.session.engine(), container.id, container.name, shell),
    iconPath: new vscode.ThemeIcon('terminal'),
  });
  terminal.show();
  return terminal;
}
