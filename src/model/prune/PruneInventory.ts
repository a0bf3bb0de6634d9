/** One top-level image as the prune sees it: the engine's /system/df row, and its layers once read. */
export interface PruneImage {
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly size: number;
  /** Bytes of its layers that another image also holds (the engine's SharedSize; -1 when not counted). */
  readonly sharedSize: number;
  readonly labels: Readonly<Record<string, string>>;
  /** Diff IDs with sizes, oldest first; null when not read or when the history did not line up with the rootfs. */
  readonly layers: ReadonlyArray<{ readonly diffId: string; readonly size: number }> | null;
}

/** One container as the prune sees it. */
export interface PruneContainer {
  readonly id: string;
  readonly name: string;
  readonly imageId: string;
  readonly state: string;
  /** Its writable layer's bytes (the engine's SizeRw): what removing it frees. */
  readonly sizeRw: number;
  readonly labels: Readonly<Record<string, string>>;
}

export interface PruneInventory {
  readonly images: readonly PruneImage[];
  readonly containers: readonly PruneContainer[];
}
