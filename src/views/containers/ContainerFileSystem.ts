import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';

export const CONTAINER_SCHEME = 'stowage-container';

/** The address of a file as a container sees it: the path, with the container in the query. */
export function containerFileUri(containerId: string, path: string, size: number): vscode.Uri {
  const query = new URLSearchParams({ container: containerId, size: String(size) }).toString();
  return vscode.Uri.from({ scheme: CONTAINER_SCHEME, path: `/${path}`, query });
}

/**
 * Files of containers, read-only, their bytes from the engine's archive endpoint
 * (no shell or exec in the container, stopped containers included). Read when opened:
 * a file renamed or removed since the tree was listed fails with the engine's words.
 */
export class ContainerFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly session: EngineSession) {}

  stat(uri: vscode.Uri): vscode.FileStat {
    const size = Number(new URLSearchParams(uri.query).get('size') ?? 0);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const container = new URLSearchParams(uri.query).get('container');
    if (!container) throw vscode.FileSystemError.FileNotFound(uri);
    try {
      return await engineModule().readContainerFile(this.session.engine(), container, uri.path);
    } catch (err) {
      throw vscode.FileSystemError.Unavailable(`${(err as Error).message}`);
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}
