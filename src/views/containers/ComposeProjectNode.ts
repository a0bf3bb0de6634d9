import * as vscode from 'vscode';
import type { ComposeProject } from '../../model/groupByCompose';
import type { EngineSession } from '../../session/EngineSession';
import type { TreeNode } from '../TreeNode';
import { ContainerNode } from './ContainerNode';

/** The containers Docker Compose started for one project (from their labels). */
export class ComposeProjectNode implements TreeNode {
  readonly id: string;
  readonly nodes: ContainerNode[];
  constructor(
    readonly project: ComposeProject,
    session: EngineSession,
    isStopping: (id: string) => boolean,
  ) {
    this.id = `compose:${project.project}`;
    this.nodes = project.containers.map((c) => new ContainerNode(c, session, isStopping(c.id), this));
  }

  treeItem(): vscode.TreeItem {
    const p = this.project;
    const item = new vscode.TreeItem(p.project, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = `Compose · ${p.running} of ${p.containers.length} running`;
    item.iconPath = new vscode.ThemeIcon('layers', p.running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    item.contextValue = 'composeProject';
    item.tooltip = `Compose project ${p.project}: ${p.containers.length} container(s), ${p.running} running (label com.docker.compose.project).`;
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return this.nodes;
  }
}
