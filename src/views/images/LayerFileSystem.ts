import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { ReadOnlyFileSystem } from '../ReadOnlyFileSystem';

export const LAYER_SCHEME = 'stowage-layer';

/**
 * The address of a file as one layer of an image stores it: the path, with the image
 * and layer in the query, and the pinned engine that holds the image when it is not
 * the one Stowage uses (an image may be on one engine only).
 */
export function layerFileUri(imageId: string, diffId: string, path: string, size: number, engine?: string): vscode.Uri {
  const query = new URLSearchParams({ image: imageId, layer: diffId, size: String(size), ...(engine === undefined ? {} : { engine }) }).toString();
  return vscode.Uri.from({ scheme: LAYER_SCHEME, path: `/${path}`, query });
}

/**
 * Files of image layers, read-only, their bytes streamed out of the engine's image
 * export (no container made, nothing written to disk). A file system rather than a
 * text provider, so VS Code opens binary and very large files as it opens any.
 */
export class LayerFileSystem extends ReadOnlyFileSystem {
  constructor(
    /** The session of the engine named in a URI (the main one when none is named). */
    private readonly sessionOf: (engine: string | undefined) => Promise<EngineSession>,
  ) {
    super();
  }

  protected read(uri: vscode.Uri, query: URLSearchParams): Promise<Uint8Array> | undefined {
    const image = query.get('image');
    const layer = query.get('layer');
    if (!image || !layer) return undefined;
    return this.sessionOf(query.get('engine') ?? undefined).then((session) => engineModule().readLayerFile(session.engine(), image, layer, uri.path.slice(1)));
  }
}
