import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { ReadOnlyFileSystem } from '../ReadOnlyFileSystem';

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
export class ContainerFileSystem extends ReadOnlyFileSystem {
  constructor(private readonly session: EngineSession) {
    super();
  }

  protected read(uri: vscode.Uri, query: URLSearchParams): Promise<Uint8Array> | undefined {
    const container = query.get('container');
    return container ? engineModule().readContainerFile(this.session.engine(), container, uri.path) : undefined;
  }
}
