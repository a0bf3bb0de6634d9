import type * as vscode from 'vscode';
import type { FsFilter } from '../../model/layers/imageFileSystem';
import { FS_FILTERS } from '../../model/layers/imageFileSystem';

const KEY = 'stowage.imageFs.filter';
let current: FsFilter = 'all';
let memento: vscode.Memento | undefined;

/** Reads the filter the image filesystem view was left with (the extension's global state). */
export function restoreImageFsFilter(state: vscode.Memento): void {
  memento = state;
  const saved = state.get<string>(KEY);
  current = FS_FILTERS.includes(saved as FsFilter) ? (saved as FsFilter) : 'all';
}

/** What every image's Filesystem node shows: everything a container sees, or one kind of change. */
export function imageFsFilter(): FsFilter {
  return current;
}

export async function setImageFsFilter(filter: FsFilter): Promise<void> {
  current = filter;
  await memento?.update(KEY, filter);
}
