import { engineModule } from '../../engineModule';
import { plural } from '../../model/plural';
import { referencesOfRows } from '../../views/images/referencesOfRows';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { copyImagesToEngine } from './copyImagesToEngine';
import { pickEngine } from './pickEngine';

/**
 * Copy to Engine…: the chosen tags (or every tag of a repository) go from the
 * engine Stowage shows (or the pinned engine whose rows they are) to one picked.
 */
export async function copyToEngine(ctx: StowageContext, node?: TreeNode, selection?: TreeNode[]): Promise<void> {
  const nodes = selection?.length ? selection : node ? [node] : [];
  const references = referencesOfRows(nodes);
  if (references.length === 0) throw new UserError('Choose one or more tags or a repository in the Images view, then Copy to Engine….');
  const source = ctx.session.engine();
  const chosen = await pickEngine(ctx, undefined, `Copy ${references.length === 1 ? references[0] : plural(references.length, 'image')} to`, (e) => e.url !== source.endpoint.url && e.answers);
  const endpoint = await engineModule().resolveEngineName(chosen.origin === 'context' ? chosen.name : chosen.url, 'target engine');
  await copyImagesToEngine(ctx, source, references, { name: chosen.name, endpoint });
}

