import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { buildImageTree } from '../../model/buildImageTree';
import { plural } from '../../model/plural';
import { newerMarks } from '../../views/images/newerMarks';
import type { StowageContext } from '../StowageContext';

/**
 * Asks each registry whether a local tag is still what it calls that tag: one
 * HEAD per tag that was pushed or pulled (has a digest), bounded, on demand only.
 * Marks the Images view's tags; `quiet` (on opening the Registries view) says nothing unless asked.
 */
export async function checkNewerOnRegistry(ctx: StowageContext, quiet = false): Promise<void> {
  const images = await ctx.images.images();
  const tags = buildImageTree(images).repositories.flatMap((r) => r.tags).filter((t) => t.image.repoDigests.length > 0);
  const results = await vscode.window.withProgress({ location: { viewId: 'stowage.images' }, title: 'Checking the registries' }, async () => {
    const mod = engineModule();
    const insecure = await mod.insecureRegistries(ctx.session.engine()).catch(() => []);
    return mod.checkNewer(tags, { insecureRegistries: insecure });
  });
  newerMarks.clear();
  for (const r of results) newerMarks.set(r.reference, r.result);
  ctx.images.redraw();
  const newer = results.filter((r) => r.result.state === 'newer');
  const failed = results.filter((r) => r.result.state === 'failed');
  for (const f of failed) ctx.log.warn(`Newer on the registry: ${f.reference}: ${(f.result as { message: string }).message}`);
  if (quiet && !newer.length) return;
  const summary = newer.length ? `The registry has a newer ${newer.map((r) => r.reference).join(', ')}.` : `All ${plural(results.length - failed.length, 'checked tag is', 'checked tags are')} what the registry has.`;
  void vscode.window.showInformationMessage(failed.length ? `${summary} ${plural(failed.length, 'tag', 'tags')} could not be checked (see the Stowage log).` : summary);
}
