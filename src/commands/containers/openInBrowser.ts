import * as vscode from 'vscode';
import { containerUrl } from '../../model/containerUrl';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';

/** Opens the container's web server: a published port, else its IP and exposed port. */
export async function openInBrowser(ctx: StowageContext, node?: TreeNode): Promise<string> {
  const [container] = await pickContainers(ctx, node, undefined, 'Open container in browser', (c) => c.state === 'running');
  const url = containerUrl(container);
  if (!url) throw new UserError(`${container.name} has no published or exposed TCP port${container.state === 'running' ? '' : ` and is ${container.state}`}: nothing to open in a browser.`);
  ctx.log.info(`Opening ${url} for ${container.name}`);
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}
