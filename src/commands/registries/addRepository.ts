import * as vscode from 'vscode';
import { parseRepositoryPath } from '../../model/registries/parseRepositoryPath';
import { RegistryLoginNode } from '../../views/registries/RegistriesTreeProvider';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { askRegistryAddress } from './askRegistryAddress';
import { entryInputError } from './entryInputError';

/**
 * Adds a repository under a registry row, for registries that do not list their
 * repositories (no catalog, or not to this account). Run on a registry row, or
 * from the palette with the registry asked first; both checked before storing.
 */
export async function addRepository(ctx: StowageContext, node?: unknown, repository?: unknown): Promise<void> {
  const domain =
    node instanceof RegistryLoginNode
      ? node.domain
      : await askRegistryAddress(node, { title: 'Add a repository (1/2)', prompt: 'The registry it is in, host[:port]', placeHolder: 'e.g. registry.example.com' });
  const typedPath =
    typeof repository === 'string'
      ? repository
      : await vscode.window.showInputBox({
          title: `Add a repository to ${domain}`,
          prompt: `The repository path in ${domain}`,
          placeHolder: 'e.g. team/app',
          ignoreFocusOut: true,
          validateInput: (v) => {
            const r = parseRepositoryPath(domain, v);
            return r.ok ? undefined : entryInputError(v, r.error);
          },
        });
  if (typedPath === undefined) throw new vscode.CancellationError();
  const parsed = parseRepositoryPath(domain, typedPath);
  if (!parsed.ok) throw new UserError(`Invalid repository "${typedPath}": ${entryInputError(typedPath, parsed.error)}`);
  if (!(await ctx.registries.added.addRepository(domain, parsed.path))) {
    void vscode.window.showInformationMessage(`${domain}/${parsed.path} is in the Registries view already.`);
  }
  ctx.registries.refresh();
}
