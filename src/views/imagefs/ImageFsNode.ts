import * as vscode from 'vscode';
import { tallyOf } from '../../model/layers/imageFileSystem';
import { plural } from '../../model/plural';
import { formatBytes } from '../../shared/formatBytes';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import type { TreeNode } from '../TreeNode';
import { fsChildNodes } from './fsChildNodes';
import { imageFsShown } from './imageFsCache';
import { imageFsFilter } from './imageFsFilter';

const NOTHING: Record<string, string> = {
  all: 'The image holds no files',
  added: 'No file that its layer added is visible',
  modified: 'No visible file replaces one from a layer below',
  removed: 'No layer removes a file stored below it',
  hidden: 'Every stored file is visible: nothing is hidden',
};

/** The image's filesystem as a container sees it (or one kind of change, by the filter), under each tag. */
export class ImageFsNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    private readonly session: EngineSession,
    readonly imageId: string,
  ) {
    this.id = `${parent.id}/fs`;
  }

  treeItem(): vscode.TreeItem {
    const filter = imageFsFilter();
    const item = new vscode.TreeItem('Filesystem', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = filter === 'all' ? 'as a container sees it' : `only ${filter}`;
    item.iconPath = new vscode.ThemeIcon(filter === 'all' ? 'root-folder' : 'filter');
    item.contextValue = 'imagefs.root';
    item.tooltip = `The image's layers stacked as the union mount stacks them${filter === 'all' ? '' : `, showing only ${filter} entries`}. Filter Image Filesystem… changes what is shown.`;
    return item;
  }

  async children(): Promise<TreeNode[]> {
    const filter = imageFsFilter();
    const fs = await imageFsShown(this.session.engine(), this.imageId);
    const nodes = fsChildNodes(this, fs.root, fs, filter);
    if (!nodes.length) return [new MessageNode(`${this.id}/none`, NOTHING[filter], { icon: 'info' })];
    const t = tallyOf(fs.root, filter);
    const what = filter === 'all' ? 'visible' : filter;
    return [new MessageNode(`${this.id}/total`, `${plural(t.count, `${what} entry`, `${what} entries`)}, ${formatBytes(t.bytes)}`, { icon: 'info' }), ...nodes];
  }
}
