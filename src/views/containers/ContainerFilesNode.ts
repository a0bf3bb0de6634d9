import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { containerTree, sortedChildren } from '../../model/layers/containerTree';
import type { EngineSession } from '../../session/EngineSession';
import { imageLayers } from '../images/imageLayersCache';
import { MessageNode } from '../MessageNode';
import { ReadAhead } from '../ReadAhead';
import type { TreeNode } from '../TreeNode';
import { ContainerFileNode } from './ContainerFileNode';

/**
 * A container's filesystem: its image's layers (indexed from the export, or the layer
 * cache) with its writable layer on top (the engine's change list, each path looked
 * at through the archive endpoint). No shell or `ls` runs in the container.
 */
export class ContainerFilesNode implements TreeNode {
  readonly id: string;
  private readonly rows = new ReadAhead(() => this.readChildren());
  constructor(
    readonly parent: TreeNode,
    readonly containerId: string,
    readonly imageId: string,
    private readonly session: EngineSession,
  ) {
    this.id = `${parent.id}/files`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Files', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('files');
    item.description = 'image layers + writable layer';
    item.contextValue = 'containerFs.root';
    item.tooltip = "The container's filesystem as it sees it: its image's layers with its writable layer on top. Files open read-only; Copy Out copies to the workspace.";
    return item;
  }

  children(): Promise<TreeNode[]> {
    return this.rows.get();
  }

  /** Reads its rows now, for the view's next redraw (see ReadAhead). */
  readAhead(): Promise<void> {
    return this.rows.prime();
  }

  private async readChildren(): Promise<TreeNode[]> {
    const engine = this.session.engine();
    const [image, writable] = await Promise.all([imageLayers(engine, this.imageId), engineModule().readWritableLayer(engine, this.containerId)]);
    const root = containerTree(
      image.layers.map((l) => l.index.entries),
      writable,
    );
    const rows = sortedChildren(root);
    if (rows.length === 0) return [new MessageNode(`${this.id}/empty`, 'No files', { icon: 'info' })];
    return rows.map((c) => new ContainerFileNode(this, c, this.containerId));
  }
}
