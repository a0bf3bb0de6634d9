import * as vscode from 'vscode';
import { config } from '../../config';
import type { ImageGrouping } from '../../model/buildImageTree';
import type { StowageContext } from '../StowageContext';

export async function groupImagesBy(ctx: StowageContext, choice?: ImageGrouping): Promise<void> {
  const current = config.imageGrouping();
  const picked =
    choice ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'Repository', value: 'repository' as const, description: 'each repository with its tags', picked: current === 'repository' },
          { label: 'Registry', value: 'registry' as const, description: 'registry (and port), then its repositories', picked: current === 'registry' },
        ],
        { title: 'Group images by' },
      )
    )?.value;
  if (!picked) return;
  await config.setImageGrouping(picked);
  ctx.images.refresh();
}
