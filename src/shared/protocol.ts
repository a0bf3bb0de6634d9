/**
 * The messages between the reference-checking language server (src/server, its own
 * Node process) and its client in the extension (src/language). Declared once here so
 * both sides agree on names and shapes. No vscode and no server imports: the extension's
 * tiny activation bundle imports this file for its types only.
 */
import { NotificationType0, RequestType0 } from 'vscode-jsonrpc/node';

/** One image as the engine lists it, reduced to what hover, completion and quick fixes show. */
export interface EngineImage {
  /** `sha256:…` image ID. */
  readonly id: string;
  /** Familiar `name:tag` forms, as the engine reports them (`nginx:1.25`, `localhost:5000/app:dev`). */
  readonly repoTags: string[];
  /** `name@sha256:…` forms: the digests registries know this image by. */
  readonly repoDigests: string[];
  /** Bytes. */
  readonly size: number;
  /** Seconds since the epoch, as the Engine API gives it. */
  readonly created: number;
  /** Number of layers (RootFS.Layers), when the client took the trouble to inspect. */
  readonly layers?: number;
}

export interface EngineImagesResult {
  /** False when there is no engine to ask (not running, unreachable, workspace untrusted…). */
  readonly available: boolean;
  /** Why the engine is unavailable, for the log. */
  readonly reason?: string;
  readonly images: EngineImage[];
}

/** Sent by the client in `initialize`. */
export interface ServerInitializationOptions {
  /**
   * Whether the workspace is trusted. When false the server never asks for engine data:
   * only the syntax checks run.
   */
  readonly trusted: boolean;
  /** Milliseconds to wait after the last change before re-validating a document (default 150). */
  readonly debounceMs?: number;
}

/**
 * Server → client. The server asks for the engine's images when hover, completion or a
 * quick fix needs them (never for diagnostics, which are syntax only). The answer is
 * cached in the server until `stowage/engineChanged`.
 */
export const EngineImagesRequest = new RequestType0<EngineImagesResult, void>('stowage/engineImages');

/**
 * Client → server. The engine's images may have changed (pull, tag, remove, engine
 * switched): the server drops its cached `stowage/engineImages` answer.
 */
export const EngineChangedNotification = new NotificationType0('stowage/engineChanged');

/**
 * The command a "pull" quick fix asks the client to run, with the reference (string) as
 * its only argument. The server never pulls: the client owns the engine.
 */
export const PULL_IMAGE_COMMAND = 'stowage.pullImage';

/** The configuration section the server reads per document through `workspace/configuration`. */
export const REFERENCES_SECTION = 'stowage.references';
