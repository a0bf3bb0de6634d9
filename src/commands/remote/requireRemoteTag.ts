import { RemoteTagNode } from '../../views/registries/RemoteTagNode';
import { UserError } from '../UserError';

/** The remote tag a context-menu command was run on; these commands have no palette form. */
export function requireRemoteTag(node: unknown): RemoteTagNode {
  if (node instanceof RemoteTagNode) return node;
  throw new UserError('Run this on a tag in the Registries view (right-click a tag under a repository).');
}
