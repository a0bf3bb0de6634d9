import * as vscode from 'vscode';
import type { RemoteTag } from '../../engine/registry/remote/inspectTag';
import { engineModule } from '../../engineModule';
import { formatAge } from '../../model/formatAge';
import { formatBytes } from '../../shared/formatBytes';
import { MessageNode } from '../MessageNode';
import type { TreeNode } from '../TreeNode';
import type { RemoteRepositoryNode } from './RemoteRepositoryNode';

/** A tag in a registry: digest, size, age; expands into its platforms (one row per platform of an index). */
export class RemoteTagNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: RemoteRepositoryNode,
    readonly tag: string,
    /** Read when the repository opened; undefined past the first tags; an Error when that failed. */
    private detail: RemoteTag | Error | undefined,
  ) {
    this.id = `remote-tag:${parent.name}:${tag}`;
  }

  get reference(): string {
    return `${this.parent.name}:${this.tag}`;
  }

  /** The tag's details, read now if the repository did not. */
  async details(): Promise<RemoteTag> {
    if (!(this.detail && !(this.detail instanceof Error))) this.detail = await engineModule().inspectTag(this.parent.parent.client(), this.parent.path, this.tag);
    return this.detail;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.tag, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('tag');
    item.contextValue = 'remote.tag';
    const d = this.detail;
    if (d instanceof Error) {
      item.description = d.message;
    } else if (d) {
      const parts = [d.digest.slice(0, 19)];
      if (d.size !== undefined) parts.push(formatBytes(d.size));
      if (d.created) parts.push(formatAge(Date.parse(d.created) / 1000));
      if (d.platforms.length > 1) parts.push(`${d.platforms.length} platforms`);
      item.description = parts.join(' · ');
      item.tooltip = `${this.reference}\n${d.digest}\n${d.mediaType}${d.created ? `\ncreated ${d.created}` : ''}`;
    }
    item.accessibilityInformation = { label: `${this.reference}${typeof item.description === 'string' ? `, ${item.description}` : ''}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    const d = await this.details();
    const full = d.platforms.length > 1 && d.platforms.some((p) => p.size === undefined) ? await engineModule().inspectTag(this.parent.parent.client(), this.parent.path, this.tag) : d;
    if (!full.platforms.length) return [new MessageNode(`${this.id}:none`, 'No platform given', { icon: 'info' })];
    return full.platforms.map(
      (p, i) =>
        new MessageNode(`${this.id}:platform:${i}`, [p.os, p.architecture, p.variant].filter(Boolean).join('/'), {
          icon: 'vm',
          description: [p.digest.slice(0, 19), p.size !== undefined ? formatBytes(p.size) : undefined].filter(Boolean).join(' · '),
          tooltip: `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}\n${p.digest}`,
        }),
    );
  }
}
