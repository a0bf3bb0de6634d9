/** The shapes the engine layer hands to views and commands: plain data, engine field names made friendly. */

export interface ImageSummary {
  readonly id: string;
  /** Real names only: the engine's `<none>:<none>` placeholder is dropped. */
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  /** Seconds since the epoch. */
  readonly created: number;
  readonly size: number;
  /** Containers using the image, as the engine counts them (-1 when it did not count). */
  readonly containers: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly parentId: string;
}

export interface LayerEntry {
  /** The image ID for layers that are a local image, else null (`<missing>`). */
  readonly id: string | null;
  readonly created: number;
  readonly createdBy: string;
  readonly tags: readonly string[];
  readonly size: number;
  readonly comment: string;
}

export interface ContainerSummary {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly imageId: string;
  readonly state: string;
  readonly status: string;
  readonly created: number;
  readonly ports: ReadonlyArray<{ readonly privatePort: number; readonly publicPort?: number; readonly type: string; readonly ip?: string }>;
  readonly labels: Readonly<Record<string, string>>;
  /** The container's address on each network it is on (empty while stopped). */
  readonly networks?: ReadonlyArray<{ readonly name: string; readonly ip: string }>;
}

/** One entry of a container's writable layer, from GET /containers/{id}/changes. */
export interface FileChange {
  readonly path: string;
  readonly kind: 'changed' | 'added' | 'deleted';
}

export interface EngineDescription {
  readonly endpoint: string;
  readonly source: string;
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
  readonly kernel: string;
  readonly storageDriver: string;
  readonly rootDir: string;
  readonly images: number;
  readonly containers: number;
  readonly running: number;
  readonly stopped: number;
  readonly name: string;
}

/** An engine event, reduced to what views need to know to refresh. */
export interface EngineEvent {
  readonly type: string;
  readonly action: string;
  readonly id: string;
  readonly time: number;
}
