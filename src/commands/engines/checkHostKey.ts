import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { describeHostKeyOffer } from '../../model/describeHostKeyOffer';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { pickEngine } from './pickEngine';

/**
 * Check Host Key…: first contact with an SSH engine's host, as ssh has it in a
 * terminal. The key the host presents is shown with its fingerprint and recorded in
 * known_hosts only when the user accepts; a changed key is shown, never accepted.
 * Given the URL (from an error), the clicked engine, or one picked.
 */
export async function checkHostKey(ctx: StowageContext, arg?: TreeNode | string): Promise<void> {
  const url = typeof arg === 'string' ? arg : (await pickEngine(ctx, arg, 'Check Host Key', (e) => e.url.startsWith('ssh://'))).url;
  if (!url.startsWith('ssh://')) throw new UserError(`${url} is not an SSH engine: only ssh:// engines have a host key to check.`);
  const mod = engineModule();
  const endpoint = mod.parseHost(url, 'SSH engine');
  const offer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the host key of ${url}…` }, () => mod.readHostKey(endpoint));
  const { message, detail } = describeHostKeyOffer(offer);
  if (offer.state === 'changed') {
    await vscode.window.showErrorMessage(message, { modal: true, detail });
    return;
  }
  if (offer.state === 'known') {
    void vscode.window.showInformationMessage(`${message} ${detail}`);
    return;
  }
  const accept = 'Accept and Connect';
  if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, accept)) !== accept) throw new vscode.CancellationError();
  await mod.recordHostKey(offer);
  ctx.log.info(`Recorded the ${offer.keyType} host key of ${offer.knownHostsName} (${offer.fingerprint}) in ${offer.knownHostsFile}`);
  // Every session that may be waiting on this host tries again now.
  ctx.session.retry();
  for (const group of [...ctx.images.engineGroups(), ...ctx.containers.engineGroups()]) group.session?.retry();
  ctx.engines.refresh();
}
