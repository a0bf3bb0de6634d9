import * as vscode from 'vscode';
import { parseRegistryAddress } from '../../model/registries/parseRegistryAddress';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { entryInputError } from './entryInputError';

/**
 * Adds a registry to the Registries view without logging in (browsed anonymously,
 * or with a login stored later), kept on this machine. The address is checked
 * before anything is stored or asked of the network.
 */
export async function addRegistry(ctx: StowageContext, address?: unknown): Promise<void> {
  const typed =
    typeof address === 'string'
      ? address
      : await vscode.window.showInputBox({
          title: 'Add a registry',
          prompt: 'Registry host[:port], browsed anonymously unless you log in to it',
          placeHolder: 'e.g. registry.example.com or 127.0.0.1:5000',
          ignoreFocusOut: true,
          validateInput: (v) => {
            const r = parseRegistryAddress(v);
            return r.ok ? undefined : entryInputError(v, r.error);
          },
        });
  if (typed === undefined) throw new vscode.CancellationError();
  const parsed = parseRegistryAddress(typed);
  if (!parsed.ok) throw new UserError(`Invalid registry "${typed}": ${entryInputError(typed, parsed.error)}`);
  if (!(await ctx.registries.added.addRegistry(parsed.domain))) {
    void vscode.window.showInformationMessage(`${parsed.domain} is in the Registries view already.`);
  }
  ctx.registries.refresh();
}
