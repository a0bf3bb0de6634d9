import type * as vscode from 'vscode';
import type { EngineImagesResult } from '../shared/protocol';

/** What reference checking needs from the rest of the extension: the engine, through its owner. */
export interface ReferenceCheckingDeps {
  /** The engine's images, for hover, completion and quick fixes; `available: false` when there is no engine. */
  getEngineImages(): Promise<EngineImagesResult>;
  /** Pulls an image; used for the `stowage.pullImage` quick fix when no such command is registered already. */
  pullImage(reference: string): Promise<void>;
  /** One line to the extension's log. */
  log(line: string): void;
  /** Optional: fires when the engine's images may have changed (pull, tag, remove, another engine), so the server re-asks. */
  onDidChangeImages?: vscode.Event<unknown>;
}
