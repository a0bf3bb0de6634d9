import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';

export const LAYER_SCHEME = 'stowage-layer';

/** The address of a file as one layer of an image stores it: the path, with the image and layer in the query. */
export function layerFileUri(imageId: string, diffId: string, path: string, size: number): vscode.Uri {
  const query = new URLSearchParams({ image: imageId, layer: diffId, size: String(size) }).toString();
  return vscode.Uri.from({ scheme: LAYER_SCHEME, path: `/${path}`, query });
}

/**
 * Files of image layers, read-only, their bytes streamed out of the engine's image
 * export (no container made, nothing written to disk). A file system rather than a
 * text provider, so VS Code opens binary and very large files as it opens any.
 */
export class LayerFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly session: EngineSession) {}

  stat(uri: vscode.Uri): vscode.FileStat {
    const size = Number(new URLSearchParams(uri.query).get('size') ?? 0);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const q = new URLSearchParams(uri.query);
    const image = q.get('image');
    const layer = q.get('layer');
    if (!image || !layer) throw vscode.FileSystemError.FileNotFound(uri);
    try {
      return await engineModule().readLayerFile(this.session.engine(), image, layer, uri.path.slice(1));
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
