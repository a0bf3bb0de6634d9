import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { describeLayerComparison } from '../../model/describeLayerComparison';
import type { StowageContext } from '../StowageContext';
import { requireRemoteTag } from './requireRemoteTag';

/** Which of the tag's layers the engine already holds (by diff ID, and by chain), as a read-only text document. */
export async function compareRemoteTag(ctx: StowageContext, node: unknown): Promise<void> {
  const tag = requireRemoteTag(node);
  const c = await vscode.window.withProgress(
    { location: { viewId: 'stowage.registries' }, title: `Comparing ${tag.reference} with the local engine` },
    () => engineModule().compareWithLocal(ctx.session.engine(), tag.parent.parent.client(), tag.parent.path, tag.tag),
  );
  const platform = [c.platform.os, c.platform.architecture, c.platform.variant].filter(Boolean).join('/');
  const text = describeLayerComparison({ reference: tag.reference, digest: c.digest, platform, index: c.index, localImage: c.localImage, readAt: new Date().toISOString() }, c);
  await ctx.remoteDocuments.showText(`${tag.reference} compared`, text);
}
