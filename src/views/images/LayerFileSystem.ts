import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { EngineSession } from '../../session/EngineSession';
import { ReadOnlyFileSystem } from '../ReadOnlyFileSystem';
import { knownImageLayers } from './imageLayersCache';

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
 * export (no container made, nothing written to disk), up to the layer that holds them
 * when the image's layer indexes are known. A file system rather than a
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
    return this.sessionOf(query.get('engine') ?? undefined).then(async (session) => {
      const engine = session.engine();
      // The view has the image's layer indexes (or the disk cache does): then the export is read only as far as the file's layer.
      const known = await knownImageLayers(engine, image);
      return engineModule().readLayerFile(engine, image, layer, uri.path.slice(1), undefined, known);
    });
  }
}
