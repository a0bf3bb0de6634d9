import { engineModule } from '../../engineModule';
import type { StowageContext } from '../StowageContext';
import { requireRemoteTag } from './requireRemoteTag';

/** The tag's manifest (and its image config) as a read-only JSON document, read afresh. */
export async function inspectRemoteTag(ctx: StowageContext, node: unknown): Promise<void> {
  const tag = requireRemoteTag(node);
  const d = await engineModule().inspectTag(tag.parent.parent.client(), tag.parent.path, tag.tag, { platformSizes: false });
  await ctx.remoteDocuments.show(tag.reference, { digest: d.digest, mediaType: d.mediaType, manifest: d.manifest, ...(d.config ? { config: d.config } : {}) });
}
