import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { restrictedModeNodes } from '../restrictedModeNodes';
import type { TreeNode } from '../TreeNode';
import type { RegistryClient } from '../../engine/registry/remote/RegistryClient';
import type { RegistryClientHolder } from './RegistryClientHolder';
import type { AddedRegistries } from '../../model/registries/AddedRegistries';
import { RemoteRepositoryNode } from './RemoteRepositoryNode';

/**
 * One registry we are logged in to (from the docker CLI's config, so both tools
 * see the same), or one added by hand (`store` undefined: browsed with whatever
 * login is stored for it, else anonymously). Expands into its repositories: the
 * registry's catalog where it offers one, else the repositories of local images
 * that name it; and in both cases the repositories added by hand.
 */
export class RegistryLoginNode implements TreeNode, RegistryClientHolder {
  readonly id: string;
  private registryClient?: RegistryClient;
  constructor(
    readonly registry: string,
    readonly username: string | undefined,
    readonly store: string | undefined,
    private readonly session: EngineSession,
    private readonly added: AddedRegistries,
  ) {
    this.id = `${store === undefined ? 'added' : 'login'}:${registry}`;
  }

  /** Added by hand rather than a login: it can be removed from the view. */
  get isAdded(): boolean {
    return this.store === undefined;
  }

  get domain(): string {
    return this.registry === 'https://index.docker.io/v1/' ? 'docker.io' : this.registry;
  }

  /** Made by `children()`, which every row below this one is reached through. */
  client(): RegistryClient {
    if (!this.registryClient) throw new Error(`Expand ${this.domain} again: its connection was not set up.`);
    return this.registryClient;
  }

  /** The client, over HTTP only where the engine itself would use HTTP (its insecure registries). */
  private async ensureClient(): Promise<RegistryClient> {
    if (!this.registryClient) {
      const mod = engineModule();
      const insecure = await mod.insecureRegistries(this.session.engine()).catch(() => []);
      this.registryClient ??= new mod.RegistryClient(this.domain, { insecureRegistries: insecure });
    }
    return this.registryClient;
  }

  dispose(): void {
    this.registryClient?.close();
  }

  async children(): Promise<TreeNode[]> {
    const mod = engineModule();
    const byHand = this.added.repositories(this.domain);
    const rows = (paths: Iterable<string>) => {
      const all = new Set([...paths, ...byHand]);
      return [...all].sort().map((p) => new RemoteRepositoryNode(this, p, byHand.includes(p)));
    };
    try {
      const repositories = await mod.listRepositories(await this.ensureClient());
      if (!repositories.length && !byHand.length) return [new MessageNode(`${this.id}:empty`, 'No repositories', { icon: 'info' })];
      return rows(repositories);
    } catch (err) {
      const reason = (err as { reason?: string }).reason;
      // An anonymous registry that keeps its catalog for logged-in users is browsed through the repositories added by hand.
      if (reason !== 'catalogUnsupported' && !(this.isAdded && reason === 'noCredentials')) throw err;
      // No catalog: the repositories this engine's images name at this registry.
      const images = await mod.listImages(this.session.engine());
      const paths = new Set<string>();
      for (const ref of images.flatMap((i) => i.repoTags)) {
        try {
          const repo = mod.remoteRepository(ref);
          if (repo.domain === this.domain) paths.add(repo.path);
        } catch {
          // A name the engine holds but the grammar refuses is no repository to ask about.
        }
      }
      const note = new MessageNode(`${this.id}:nocatalog`, `${this.domain} does not list its repositories; showing those of local images and those added by hand`, { icon: 'info', tooltip: (err as Error).message });
      return [note, ...rows(paths)];
    }
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.registry === 'https://index.docker.io/v1/' ? 'Docker Hub' : this.registry, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    if (this.store === undefined) {
      item.description = 'added by hand';
      item.iconPath = new vscode.ThemeIcon('server');
      item.contextValue = 'registry.added';
      item.tooltip = `${this.registry}, added by hand on this machine: browsed with the login stored for it if there is one, else anonymously.`;
      return item;
    }
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

  private nodes: RegistryLoginNode[] = [];

  constructor(
    private readonly session: EngineSession,
    readonly added: AddedRegistries,
  ) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  /** Reads one row's children again (after a delete). */
  refreshNode(node: TreeNode): void {
    this.emitter.fire(node);
  }

  /** The registry rows of the last listing (their clients keep tokens between expansions). */
  get logins(): readonly RegistryLoginNode[] {
    return this.nodes;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) {
      try {
        return node.children ? await node.children() : [];
      } catch (err) {
        // The failure in its own words, where the user looked: "… has no repository …", "… log in to … again".
        return [new MessageNode(`${node.id}:error`, (err as Error).message, { icon: 'error' })];
      }
    }
    // Listing logins runs the credential helper (a program): not in an untrusted workspace.
    if (!vscode.workspace.isTrusted) return restrictedModeNodes('logins', 'Restricted Mode: logins are not read in an untrusted workspace');
    let logins: Awaited<ReturnType<ReturnType<typeof engineModule>['listLogins']>>;
    try {
      logins = await engineModule().listLogins();
    } catch (err) {
      return [new MessageNode('logins:error', `Could not read your Docker credentials: ${(err as Error).message}`, { icon: 'error' })];
    }
    for (const n of this.nodes) n.dispose();
    const loginNodes = logins.map((l) => new RegistryLoginNode(l.registry, l.username, l.store, this.session, this.added));
    const loggedIn = new Set(loginNodes.map((n) => n.domain));
    const addedNodes = this.added.list().filter((a) => !loggedIn.has(a.domain)).map((a) => new RegistryLoginNode(a.domain, undefined, undefined, this.session, this.added));
    this.nodes = [...loginNodes, ...addedNodes];
    if (!this.nodes.length) return [new MessageNode('logins:none', 'Not logged in to any registry. Log In…', { icon: 'sign-in', command: { command: 'stowage.login', title: 'Log In' } })];
    return this.nodes;
  }

  dispose(): void {
    for (const n of this.nodes) n.dispose();
    this.emitter.dispose();
  }
}
