import * as vscode from 'vscode';
import type { RepositoryGroup } from '../../model/buildImageTree';
import type { EngineSession } from '../../session/EngineSession';
import type { TreeNode } from '../TreeNode';
import { TagNode } from './TagNode';
import { plural } from '../../model/plural';

/** A repository, taken apart as the article does: registry[:port] / namespace / name. */
export class RepositoryNode implements TreeNode {
  readonly id: string;
  private tagNodes?: TagNode[];
  constructor(
    readonly group: RepositoryGroup,
    private readonly session: EngineSession,
    readonly parent?: TreeNode,
  ) {
    this.id = `repo:${group.repository}`;
  }

  /** Made when the repository is first expanded (or searched for a reveal), not on every refresh. */
  get tags(): TagNode[] {
    this.tagNodes ??= this.group.tags.map((t) => new TagNode(this, t, this.session));
    return this.tagNodes;
  }

  treeItem(): vscode.TreeItem {
    const g = this.group;
    const item = new vscode.TreeItem(g.repository, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = plural(g.tags.length, 'tag');
    item.iconPath = new vscode.ThemeIcon('repo');
    item.contextValue = 'image.repository';
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${g.repository}**\n\n`);
    md.appendMarkdown(`| part | value |\n|---|---|\n`);
    md.appendMarkdown(`| registry | \`${g.registry}\`${g.registryImplicit ? ' (implicit: Docker Hub)' : ''} |\n`);
    md.appendMarkdown(`| port | ${g.port ? `\`${g.port}\`` : '—'} |\n`);
    md.appendMarkdown(`| namespace | ${g.namespace ? `\`${g.namespace}\`` : '—'} |\n`);
    md.appendMarkdown(`| name | \`${g.name}\` |\n`);
    item.tooltip = md;
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return this.tags;
  }
}
