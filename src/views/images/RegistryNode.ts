import * as vscode from 'vscode';
import type { RegistryGroup } from '../../model/buildImageTree';
import type { EngineSession } from '../../session/EngineSession';
import type { TreeNode } from '../TreeNode';
import { RepositoryNode } from './RepositoryNode';
import { plural } from '../../model/plural';

/** With grouping by registry: the registry (and port) that holds the repositories below. */
export class RegistryNode implements TreeNode {
  readonly id: string;
  readonly repositories: RepositoryNode[];
  constructor(readonly group: RegistryGroup, session: EngineSession) {
    this.id = `registry:${group.registry}`;
    this.repositories = group.repositories.map((r) => new RepositoryNode(r, session, this));
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.group.registry, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = plural(this.repositories.length, 'repository', 'repositories');
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = 'image.registry';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return this.repositories;
  }
}
