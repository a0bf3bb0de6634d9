import Module = require('node:module');
import { join } from 'node:path';
import type * as EngineModule from '../../src/engine';
import { repoRoot } from '../../test/support/repoRoot';

/**
 * Makes this bench process load the views' own code as the extension host does,
 * without the UI: the engine layer is the bundle the extension ships (dist/engine.js,
 * which src/engineModule.ts requires beside itself), and `vscode` answers with the
 * plain data classes the tree nodes and the file system construct (TreeItem,
 * ThemeIcon, Uri, FileSystemError…). The work measured (indexes, stacking, paging,
 * rows) is the product's; only the editor's side of the API is absent, and none of
 * these classes does more than hold its fields in VS Code either.
 * Import this first: every view module required after it resolves through it.
 */
const shippedEngine = join(repoRoot(), 'dist', 'engine.js');

class TreeItem {
  id?: string;
  description?: string;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  tooltip?: unknown;
  accessibilityInformation?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState = 0,
  ) {}
}
class ThemeIcon {
  constructor(readonly id: string) {}
}
class MarkdownString {
  value = '';
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}
class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query: string,
  ) {}
  static from(c: { scheme: string; path?: string; query?: string }): Uri {
    return new Uri(c.scheme, c.path ?? '', c.query ?? '');
  }
  toString(): string {
    return `${this.scheme}:${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}
class Disposable {
  constructor(private readonly onDispose: () => void) {}
  dispose(): void {
    this.onDispose();
  }
}
class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  readonly event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
}
class FileSystemError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
  static FileNotFound = (what: unknown) => new FileSystemError(String(what), 'FileNotFound');
  static NoPermissions = (what: unknown) => new FileSystemError(String(what), 'NoPermissions');
  static Unavailable = (what: unknown) => new FileSystemError(String(what), 'Unavailable');
}

const vscodeApi = {
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon,
  MarkdownString,
  Uri,
  Disposable,
  EventEmitter,
  FileSystemError,
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  FilePermission: { Readonly: 1 },
};

const loader = Module as unknown as {
  _resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string;
  _cache: Record<string, unknown>;
};
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request, parent, ...rest) {
  if (request === 'vscode') return 'vscode';
  if (request.endsWith(join('out', 'src', 'engine.js'))) return shippedEngine;
  return resolve.call(this, request, parent, ...rest);
};
loader._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeApi } as unknown;

/** The shipped engine layer, the one the views use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const shipped = require(shippedEngine) as typeof EngineModule;

/**
 * Forgets every view and model module (and so their in-memory caches), as a restart
 * of the editor does; the engine bundle stays loaded, as it would be required again.
 */
export function forgetViewModules(): void {
  const src = join(repoRoot(), 'out', 'src') + '/';
  for (const key of Object.keys(require.cache)) if (key.startsWith(src)) delete require.cache[key];
}

/** An EngineSession as far as the nodes ask of it: the engine. */
export function sessionOf(engine: EngineModule.Engine): { engine(): EngineModule.Engine } {
  return { engine: () => engine };
}
