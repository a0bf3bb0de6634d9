import * as vscode from 'vscode';
import { FS_FILTERS, type FsFilter } from '../../model/layers/imageFileSystem';
import { imageFsFilter, setImageFsFilter } from '../../views/imagefs/imageFsFilter';
import type { StowageContext } from '../StowageContext';

const DETAIL: Record<FsFilter, string> = {
  all: 'Everything a container of the image sees, each entry with the layer it comes from',
  added: 'Visible files that their layer added (nothing was there below)',
  modified: 'Visible files that their layer put in place of one from a layer below',
  removed: 'Files a layer stored and a layer above removed (whiteouts, opaque or replaced folders)',
  hidden: 'Every copy stored in a layer but overwritten or removed above: the bytes a container never sees',
};

/** Narrows every image's Filesystem node to one kind of entry (or back to all); remembered across sessions. */
export async function filterImageFs(ctx: StowageContext): Promise<void> {
  const now = imageFsFilter();
  const pick = await vscode.window.showQuickPick(
    FS_FILTERS.map((f) => ({ label: f === 'all' ? 'All' : f[0].toUpperCase() + f.slice(1), description: f === now ? '(current)' : undefined, detail: DETAIL[f], filter: f })),
    { title: 'Show in the image filesystem', placeHolder: `Now showing: ${now}` },
  );
  if (!pick) return;
  await setImageFsFilter(pick.filter);
  ctx.images.redraw();
}
