import * as vscode from 'vscode';
import { config } from '../../config';
import type { KnownEngine } from '../../engine/engines/KnownEngine';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { restrictedModeNodes } from '../restrictedModeNodes';
import type { TreeNode } from '../TreeNode';
import { EngineEntryNode } from './EngineEntryNode';
import { pinnedName } from '../../model/pinnedName';

/**
 * Every engine within reach side by side (docker contexts, DOCKER_HOST, Podman's
 * sockets, added endpoints), each asked for its version, OS and storage driver.
 * Listed when shown or refreshed; every engine is asked at once with its own time
 * limit, so one that is down never holds the others.
 */
export class EnginesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private last: KnownEngine[] = [];

  constructor(private readonly session: EngineSession) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  /** The engines as last listed (the Copy to Engine picker offers them). */
  known(): KnownEngine[] {
    return this.last;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return [];
    if (!vscode.workspace.isTrusted) return restrictedModeNodes('engines', 'Restricted Mode: engines are not asked in an untrusted workspace');
    try {
      this.last = await engineModule().listEngines(config.addedEngines());
      const inUse = this.session.describeEndpoint();
      const pinned = config.pinnedEngines();
      return this.last.map((e) => new EngineEntryNode(e, inUse.startsWith(`${e.url} `), pinned.includes(pinnedName(e))));
    } catch (err) {
      return [new MessageNode('engines:error', `Could not list the engines: ${(err as Error).message}`, { icon: 'error' })];
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
