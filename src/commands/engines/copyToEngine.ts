import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { plural } from '../../model/plural';
import { formatBytes } from '../../shared/formatBytes';
import { RepositoryNode } from '../../views/images/RepositoryNode';
import { TagNode } from '../../views/images/TagNode';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { pickEngine } from './pickEngine';

/**
 * Copy to Engine…: the chosen tags (or every tag of a repository) go from the
 * engine Stowage shows to another, only the layers it lacks travelling where its
 * store allows (transferImage). Progress names the layer and the bytes sent and
 * skipped; Cancel leaves the target as it was.
 */
export async function copyToEngine(ctx: StowageContext, node?: TreeNode, selection?: TreeNode[]): Promise<void> {
  const nodes = selection?.length ? selection : node ? [node] : [];
  const references = [...new Set(nodes.flatMap((n) => (n instanceof TagNode ? [n.reference] : n instanceof RepositoryNode ? n.tags.map((t) => t.reference) : [])))];
  if (references.length === 0) throw new UserError('Choose one or more tags or a repository in the Images view, then Copy to Engine….');
  const source = ctx.session.engine();
  const chosen = await pickEngine(ctx, undefined, `Copy ${references.length === 1 ? references[0] : plural(references.length, 'image')} to`, (e) => e.url !== source.endpoint.url && e.answers);
  const mod = engineModule();
  const endpoint = await mod.resolveEngineName(chosen.origin === 'context' ? chosen.name : chosen.url, 'target engine');
  const target = new mod.Engine(endpoint, (line) => ctx.log.info(`[${chosen.name}] ${line}`));
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Copying to ${chosen.name}`, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const done = [];
    let last = 0;
    try {
      for (const reference of references) {
        done.push(
          await mod.transferImage(source, target, reference, {
            signal: abort.signal,
            onProgress: (u) => {
              if (Date.now() - last < 200 && !u.done) return;
              last = Date.now();
              const layer = u.diffId ? u.diffId.replace(/^sha256:/, '').slice(0, 12) : 'layer';
              progress.report({ message: `${reference}: ${layer} ${u.sent ? 'sending' : 'already there'} · ${formatBytes(u.bytesSent)} sent, ${formatBytes(u.bytesSkipped)} skipped` });
            },
          }),
        );
      }
      return done;
    } catch (err) {
      if (token.isCancellationRequested) void vscode.window.showInformationMessage(`Copy to ${chosen.name} cancelled: the image being copied was not added there.${done.length ? ` Already copied: ${done.map((d) => d.image).join(', ')}.` : ''}`);
      throw err;
    } finally {
      sub.dispose();
    }
  });
  const sent = results.reduce((n, r) => n + r.bytesSent, 0);
  const skipped = results.reduce((n, r) => n + r.bytesSkipped, 0);
  void vscode.window.showInformationMessage(
    `Copied ${results.map((r) => r.image).join(', ')} to ${chosen.name}: ${formatBytes(sent)} of layers sent, ${formatBytes(skipped)} already there (${results[0].mode === 'full' ? `full archive: ${results[0].why}` : 'only the missing layers'}). Image ID checked on both sides.`,
  );
}
