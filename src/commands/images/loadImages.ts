import * as vscode from 'vscode';
import { config } from '../../config';
import { engineModule } from '../../engineModule';
import { revealImage } from '../revealImage';
import type { StowageContext } from '../StowageContext';
import { withEngineProgress } from '../withEngineProgress';

/**
 * `docker load`: from a tar or tar.gz (open dialog, or right-click in the Explorer).
 * The file is checked to be an image archive before the engine sees a byte; the
 * loaded images are listed and revealed. Quiet (as `docker load -q`) skips the
 * progress notification.
 */
export async function loadImages(ctx: StowageContext, uri?: vscode.Uri, options: { quiet?: boolean } = {}): Promise<string[]> {
  let source = uri instanceof vscode.Uri ? uri : undefined;
  if (!source) {
    const picked = await vscode.window.showOpenDialog({ title: 'Load images from an archive', canSelectMany: false, filters: { 'Image archive': ['tar', 'tar.gz', 'tgz'], 'All files': ['*'] }, openLabel: 'Load' });
    if (!picked?.length) throw new vscode.CancellationError();
    source = picked[0];
  }
  const quiet = options.quiet ?? config.quietLoad();
  const name = vscode.workspace.asRelativePath(source);
  const engine = ctx.session.engine();
  const result = quiet
    ? await vscode.window.withProgress({ location: { viewId: 'stowage.images' } }, () => engineModule().loadImages(engine, source!.fsPath, { quiet: true }))
    : await withEngineProgress(`Loading ${name}`, (onProgress, signal) => engineModule().loadImages(engine, source!.fsPath, { onProgress, signal }));
  const loaded = result.references.length ? result.references : result.ids;
  ctx.session.refresh(['images']);
  if (result.references[0]) await revealImage(ctx, result.references[0]);
  const moved = result.moved.map((m) => ` ${m.reference} was moved from image ${m.from.replace(/^sha256:/, '').slice(0, 12)}.`).join('');
  void vscode.window.showInformationMessage(loaded.length ? `Loaded from ${name}: ${loaded.join(', ')}${moved ? `.${moved}` : ''}` : `Loaded ${name}; the engine named no image.`);
  return [...loaded];
}
