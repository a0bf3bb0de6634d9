/** What one tar entry of a layer is, as the union mount reads it. */
export type LayerEntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other' | 'whiteout' | 'opaque';

/**
 * One entry of a layer's tar, without its content. `path` has no leading `/` or `./`
 * and no trailing `/`; for a whiteout (`.wh.<name>`) it is the path it hides, for an
 * opaque marker (`.wh..wh..opq`) the folder whose lower contents it hides.
 */
export interface LayerEntry {
  readonly path: string;
  readonly kind: LayerEntryKind;
  /** Bytes of content (the tar header's size; 0 for everything but regular files). */
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Symlink or hard-link target, as written in the tar. */
  readonly link?: string;
}

/** A layer's index: its entries in tar order. */
export interface LayerIndex {
  readonly entries: readonly LayerEntry[];
}

export interface ImageLayer {
  readonly diffId: string;
  /** The history line that made it (`created_by`), when the config says. */
  readonly command?: string;
  readonly index: LayerIndex;
  /** The bytes of the one file asked for, when this layer stores it (readLayerFile). */
  readonly content?: Buffer;
}

/** An image read from an export: its layers bottom-up. */
export interface ImageLayers {
  /** The image ID (`sha256:…`, its config's digest). */
  readonly id: string;
  readonly repoTags: readonly string[];
  /** Which layout the export used. */
  readonly layout: 'docker' | 'oci';
  readonly layers: readonly ImageLayer[];
}
