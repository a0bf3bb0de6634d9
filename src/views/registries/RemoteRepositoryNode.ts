import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { compareVersionTags } from '../../model/compareVersionTags';
import { mapLimited } from '../../model/mapLimited';
import { MessageNode } from '../MessageNode';
import type { TreeNode } from '../TreeNode';
import type { RegistryClientHolder } from './RegistryClientHolder';
import { RemoteTagNode } from './RemoteTagNode';

/** Tags read in detail (digest, size, created, platforms) when a repository opens; the rest on expand. */
const DETAILED_TAGS = 100;
const CONCURRENCY = 8;

/** A repository in a registry: expands into its tags, newest version first. */
export class RemoteRepositoryNode implements TreeNode {
  readonly id: string;
  private listed: RemoteTagNode[] = [];
  constructor(
    readonly parent: TreeNode & RegistryClientHolder,
    /** The API path: `team/app`, `library/busybox`. */
    readonly path: string,
    /** Added by hand (it can be removed from the view; the registry keeps it). */
    readonly added = false,
  ) {
    this.id = `remote-repo:${parent.domain}/${path}`;
  }

  get name(): string {
    const domain = this.parent.domain;
    if (domain === 'docker.io') return this.path.startsWith('library/') ? this.path.slice('library/'.length) : this.path;
    return `${domain}/${this.path}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.path, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('repo');
    item.contextValue = this.added ? 'remote.repository.added' : 'remote.repository';
    if (this.added) item.description = 'added by hand';
    item.tooltip = this.name;
    return item;
  }

  async children(): Promise<TreeNode[]> {
    const mod = engineModule();
    const client = this.parent.client();
    const tags = (await mod.listTags(client, this.path)).sort((a, b) => compareVersionTags(b, a));
    if (!tags.length) return [new MessageNode(`${this.id}:empty`, 'No tags', { icon: 'info' })];
    const detailed = await mapLimited(tags.slice(0, DETAILED_TAGS), CONCURRENCY, (tag) => mod.inspectTag(client, this.path, tag, { platformSizes: false }).catch((err: Error) => err));
    this.listed = tags.map((tag, i) => new RemoteTagNode(this, tag, detailed[i]));
    return this.listed;
  }

  /** The tags of the last listing that point at `digest` (each read now if it was not). */
  async tagsOn(digest: string): Promise<string[]> {
    const found = await mapLimited(this.listed, CONCURRENCY, async (t) => ((await t.details().catch(() => undefined))?.digest === digest ? t.tag : undefined));
    return found.filter((t): t is string => t !== undefined);
  }
}
