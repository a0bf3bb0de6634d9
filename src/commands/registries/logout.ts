import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { RegistryLoginNode } from '../../views/registries/RegistriesTreeProvider';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';

/**
 * `docker logout`: erases the stored credentials, from the helper or config.json.
 * The engine layer checks they are gone before this says so, and fails plainly
 * when another program kept writing them back.
 */
export async function logout(ctx: StowageContext, node?: TreeNode): Promise<void> {
  let registry = node instanceof RegistryLoginNode ? node.registry : undefined;
  if (!registry) {
    const logins = await engineModule().listLogins();
    if (!logins.length) {
      void vscode.window.showInformationMessage('Stowage: you are not logged in to any registry.');
      return;
    }
    const picked = await vscode.window.showQuickPick(logins.map((l) => ({ label: l.registry, description: l.username, registry: l.registry })), { title: 'Log out of registry' });
    if (!picked) throw new vscode.CancellationError();
    registry = picked.registry;
  }
  let erased: boolean;
  try {
    erased = await engineModule().eraseCredentials(registry);
  } finally {
    ctx.registries.refresh();
  }
  void vscode.window.showInformationMessage(erased ? `Logged out of ${registry}.` : `No stored credentials for ${registry}.`);
}
