import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { compareImagesInSlices } from '../../model/layers/compareImages';
import { formatAge } from '../../model/formatAge';
import { shortId } from '../../model/shortId';
import { formatBytes } from '../../shared/formatBytes';
import { imageFs } from '../../views/imagefs/imageFsCache';
import type { TreeNode } from '../../views/TreeNode';
import { pickImages } from '../pick/pickImages';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { hostSlicing } from '../../views/hostSlicing';

/** Compared in 10 ms slices, as the image filesystems are built: big images never hold the extension host for long. */

/** Compares the right-clicked image (A) with one picked (B): shared layers, where they part, and their files' differences. */
export async function compareImageWith(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const [a] = await pickImages(ctx, node, undefined, 'Compare which image?', false);
  // B is picked among the images of A's engine: a pinned engine's own listing, not the main one's.
  const images = ctx.session.pinned ? await engineModule().listImages(ctx.session.engine()) : await ctx.images.images();
  const items = images
    .filter((image) => image.id !== a.image.id)
    .flatMap((image) =>
      (image.repoTags.length ? image.repoTags : [image.id]).map((reference) => ({
        label: image.repoTags.length ? reference : '<none>:<none>',
        description: `${shortId(image.id)} · ${formatBytes(image.size)} · ${formatAge(image.created)}`,
        target: { reference, image },
      })),
    );
  if (!items.length) throw new UserError(`There is no other image to compare ${a.reference} with.`);
  const picked = await vscode.window.showQuickPick(items, { title: `Compare ${a.reference} with…`, matchOnDescription: true });
  if (!picked) return;
  const b = picked.target;
  const engine = ctx.session.engine();
  const [fsA, fsB, result] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading the layers of ${a.reference} and ${b.reference}…` },
    async () => {
      const both = await Promise.all([imageFs(engine, a.image.id), imageFs(engine, b.image.id)]);
      return [...both, await compareImagesInSlices(both[0], both[1], hostSlicing)] as const;
    },
  );
  ctx.comparison.show({ a: { reference: a.reference, fs: fsA }, b: { reference: b.reference, fs: fsB }, result, engine: ctx.session.pinned?.name });
  await vscode.commands.executeCommand('setContext', 'stowage.comparing', true);
  await vscode.commands.executeCommand('stowage.imageComparison.focus');
}
