import { RegistryLoginNode } from '../../views/registries/RegistriesTreeProvider';
import { RemoteRepositoryNode } from '../../views/registries/RemoteRepositoryNode';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';

/**
 * Removes a registry or a repository added by hand from the view (with the
 * repositories added under the registry). Nothing in the registry changes, and
 * no login is touched: so no confirmation.
 */
export async function removeAdded(ctx: StowageContext, node: unknown): Promise<void> {
  if (node instanceof RegistryLoginNode && node.isAdded) {
    await ctx.registries.added.removeRegistry(node.domain);
  } else if (node instanceof RemoteRepositoryNode && node.added) {
    await ctx.registries.added.removeRepository(node.parent.domain, node.path);
  } else {
    throw new UserError('Run this on a registry or repository added by hand in the Registries view.');
  }
  ctx.registries.refresh();
}
