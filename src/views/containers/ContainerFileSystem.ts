import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { ReadOnlyFileSystem } from '../ReadOnlyFileSystem';

export const CONTAINER_SCHEME = 'stowage-container';

/**
 * The address of a file as a container sees it: the path, with the container in the
 * query, and the pinned engine that runs it when it is not the one Stowage uses.
 */
export function containerFileUri(containerId: string, path: string, size: number, engine?: string): vscode.Uri {
  const query = new URLSearchParams({ container: containerId, size: String(size), ...(engine === undefined ? {} : { engine }) }).toString();
  return vscode.Uri.from({ scheme: CONTAINER_SCHEME, path: `/${path}`, query });
}

/**
 * Files of containers, read-only, their bytes from the engine's archive endpoint
 * (no shell or exec in the container, stopped containers included). Read when opened:
 * a file renamed or removed since the tree was listed fails with the engine's words.
 */
export class ContainerFileSystem extends ReadOnlyFileSystem {
  constructor(
    /** The session of the engine named in a URI (the main one when none is named). */
    private readonly sessionOf: (engine: string | undefined) => Promise<EngineSession>,
  ) {
    super();
  }

  protected read(uri: vscode.Uri, query: URLSearchParams): Promise<Uint8Array> | undefined {
    const container = query.get('container');
    if (!container) return undefined;
    return this.sessionOf(query.get('engine') ?? undefined).then((session) => engineModule().readContainerFile(session.engine(), container, uri.path));
  }
}
