/** The slice of VS Code's Memento this needs: globalState, or a Map in tests. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** A registry added by hand, and the repositories added under it (API paths). */
export interface AddedRegistry {
  readonly domain: string;
  readonly repositories: readonly string[];
}

const KEY = 'stowage.addedRegistries';

/**
 * Registries and repositories the user added by hand: registries to browse
 * without a login (anonymously), and repositories to show where a registry
 * offers no catalog. Kept per machine (globalState, not synced: a registry on
 * this machine's network means nothing on another). Entries arrive validated
 * (parseRegistryAddress, parseRepositoryPath); what is read back is checked
 * again, so a damaged entry is dropped rather than shown.
 */
export class AddedRegistries {
  constructor(private readonly store: KeyValueStore) {}

  list(): AddedRegistry[] {
    const raw = this.store.get<unknown>(KEY);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((e): AddedRegistry[] => {
      if (!e || typeof e !== 'object' || typeof (e as AddedRegistry).domain !== 'string') return [];
      const repos = Array.isArray((e as AddedRegistry).repositories) ? (e as AddedRegistry).repositories.filter((r) => typeof r === 'string') : [];
      return [{ domain: (e as AddedRegistry).domain, repositories: repos }];
    });
  }

  repositories(domain: string): readonly string[] {
    return this.list().find((r) => r.domain === domain)?.repositories ?? [];
  }

  /** Adds a registry; false when it was there already. */
  async addRegistry(domain: string): Promise<boolean> {
    const all = this.list();
    if (all.some((r) => r.domain === domain)) return false;
    await this.save([...all, { domain, repositories: [] }]);
    return true;
  }

  /** Adds a repository (and its registry if needed); false when it was there already. */
  async addRepository(domain: string, path: string): Promise<boolean> {
    const all = this.list();
    const entry = all.find((r) => r.domain === domain);
    if (entry?.repositories.includes(path)) return false;
    const next = entry ? all.map((r) => (r === entry ? { domain, repositories: [...r.repositories, path].sort() } : r)) : [...all, { domain, repositories: [path] }];
    await this.save(next);
    return true;
  }

  /** Forgets a registry and every repository added under it (nothing in the registry changes). */
  async removeRegistry(domain: string): Promise<void> {
    await this.save(this.list().filter((r) => r.domain !== domain));
  }

  async removeRepository(domain: string, path: string): Promise<void> {
    await this.save(this.list().map((r) => (r.domain === domain ? { domain, repositories: r.repositories.filter((p) => p !== path) } : r)));
  }

  private async save(entries: AddedRegistry[]): Promise<void> {
    await this.store.update(KEY, entries);
  }
}
