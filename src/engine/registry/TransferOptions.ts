import type { CredentialOptions } from '../credentials/types';
import type { ProgressUpdate } from '../progress';
import type { TransferState } from './TransferState';

/** A progress update that also carries every layer's state, for a per-layer view. */
export interface TransferProgress extends ProgressUpdate {
  readonly transfer: TransferState;
}

export interface TransferOptions {
  /** Called on every change; a plain ProgressSink works too. */
  readonly onProgress?: (update: TransferProgress) => void;
  /** Aborting ends the HTTP request, which stops the engine's transfer; the call rejects as `cancelled`. */
  readonly signal?: AbortSignal;
  /** Where to find stored logins (the docker CLI's config folder by default). */
  readonly credentials?: CredentialOptions;
}
