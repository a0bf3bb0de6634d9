import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { restrictedModeNodes } from '../restrictedModeNodes';
import type { TreeNode } from '../TreeNode';

/** One registry we are logged in to (from the docker CLI's config, so both tools see the same). */
export class RegistryLoginNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly registry: string,
    readonly username: string | undefined,
    readonly store: string,
  ) {
    this.id = `login:${registry}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.registry === 'https://index.docker.io/v1/' ? 'Docker Hub' : this.registry, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [this.username, this.store === 'file' ? 'config.json' : `helper: ${this.store}`].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'registry.login';
    item.tooltip = `Logged in to ${this.registry}${this.username ? ` as ${this.username}` : ''}; credentials kept in ${this.store === 'file' ? 'config.json (auths)' : `the docker-credential-${this.store} helper`}.`;
    return item;
  }
}

/** The registries you are logged in to. Reads config.json only: no engine call. */
export class RegistriesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly _session: EngineSession) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return [];
    // Listing logins runs the credential helper (a program): not in an untrusted workspace.
    if (!vscode.workspace.isTrusted) return restrictedModeNodes('logins', 'Restricted Mode: logins are not read in an untrusted workspace');
    try {
      const logins = await engineModule().listLogins();
      if (!logins.length) return [new MessageNode('logins:none', 'Not logged in to any registry. Log In…', { icon: 'sign-in', command: { command: 'stowage.login', title: 'Log In' } })];
      return logins.map((l) => new RegistryLoginNode(l.registry, l.username, l.store));
    } catch (err) {
      return [new MessageNode('logins:error', `Could not read your Docker credentials: ${(err as Error).message}`, { icon: 'error' })];
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
