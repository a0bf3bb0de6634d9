import * as vscode from 'vscode';
import type { Endpoint } from '../../engine/Endpoint';
import type { Engine } from '../../engine/Engine';
import { engineModule } from '../../engineModule';
import { formatBytes } from '../../shared/formatBytes';
import type { StowageContext } from '../StowageContext';

/**
 * Sends `references` from `source` to the engine at `target`, only the layers it lacks
 * travelling where its store allows (transferImage). Progress names the layer and the
 * bytes sent and skipped; Cancel leaves the target as it was. Copy to Engine… and a
 * drop onto an engine's row both come here.
 */
export async function copyImagesToEngine(ctx: StowageContext, source: Engine, references: readonly string[], target: { readonly name: string; readonly endpoint: Endpoint }): Promise<void> {
  const mod = engineModule();
  const to = new mod.Engine(target.endpoint, (line) => ctx.log.info(`[${target.name}] ${line}`));
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Copying to ${target.name}`, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const done = [];
    let last = 0;
    try {
      for (const reference of references) {
        done.push(
          await mod.transferImage(source, to, reference, {
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
      if (token.isCancellationRequested) void vscode.window.showInformationMessage(`Copy to ${target.name} cancelled: the image being copied was not added there.${done.length ? ` Already copied: ${done.map((d) => d.image).join(', ')}.` : ''}`);
      throw err;
    } finally {
      sub.dispose();
    }
  });
  const sent = results.reduce((n, r) => n + r.bytesSent, 0);
  const skipped = results.reduce((n, r) => n + r.bytesSkipped, 0);
  void vscode.window.showInformationMessage(
    `Copied ${results.map((r) => r.image).join(', ')} to ${target.name}: ${formatBytes(sent)} of layers sent, ${formatBytes(skipped)} already there (${results[0].mode === 'full' ? `full archive: ${results[0].why}` : 'only the missing layers'}). Image ID checked on both sides.`,
  );
}
