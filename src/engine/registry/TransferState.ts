/**
 * What a push or pull has reached, built from the engine's progress stream by
 * reduceLayerProgress. Plain data, so the UI can show it and tests can compare it.
 */
export type LayerPhase =
  | 'preparing' // push: reading the local layer
  | 'waiting' // queued behind other layers
  | 'pushing'
  | 'pushed'
  | 'exists' // the registry (push) or the engine (pull) already has it
  | 'mounted' // push: the registry linked it from another repository
  | 'downloading'
  | 'verifying'
  | 'downloaded'
  | 'extracting'
  | 'pulled'
  | 'retrying';

export interface LayerProgress {
  /** The short layer ID the engine reports (12 hex digits). */
  readonly id: string;
  readonly phase: LayerPhase;
  /** Bytes moved so far in the current phase, and the total when known. */
  readonly current?: number;
  readonly total?: number;
  /** `mounted`: the repository the registry took it from. */
  readonly from?: string;
}

export interface PushedTag {
  readonly tag: string;
  readonly digest: string;
  readonly size: number;
}

export interface TransferState {
  /** Layers in the order the engine first named them. */
  readonly layers: readonly LayerProgress[];
  /** Push: each tag the registry accepted, with its manifest digest. */
  readonly pushed: readonly PushedTag[];
  /** Pull: the manifest digest (`Digest: sha256:…`). */
  readonly digest?: string;
  /** Pull: the engine's closing line, e.g. `Downloaded newer image for 127.0.0.1:5000/app:v1`. */
  readonly status?: string;
  /** The engine's error line, if the stream carried one: the transfer failed. */
  readonly error?: string;
}

/** One JSON line of the engine's push/pull stream. */
export interface ProgressMessage {
  readonly status?: string;
  readonly id?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  readonly progress?: string;
  readonly aux?: { readonly Tag?: string; readonly Digest?: string; readonly Size?: number };
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string; readonly code?: number };
}

export const EMPTY_TRANSFER: TransferState = { layers: [], pushed: [] };
