import * as vscode from 'vscode';
import type { ProgressSink } from '../engine/progress';

/**
 * Runs a long engine operation under a cancellable notification. The engine layer
 * reports progress as fractions and text; Cancel aborts its HTTP request through
 * the AbortSignal, so the engine stops the work too.
 */
export function withEngineProgress<T>(
  title: string,
  work: (onProgress: ProgressSink, signal: AbortSignal) => Promise<T>,
  /** Said when the user cancels: a cancel is otherwise silent (the command wrapper swallows it). */
  cancelledMessage?: string,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    let reported = 0;
    let lastMessage = '';
    const onProgress: ProgressSink = (u) => {
      const fraction = u.fraction === undefined ? undefined : Math.max(0, Math.min(1, u.fraction));
      const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - reported);
      if (increment === undefined && u.message === lastMessage) return;
      if (increment !== undefined) reported += increment;
      lastMessage = u.message;
      progress.report({ message: u.message, increment });
    };
    try {
      return await work(onProgress, abort.signal);
    } catch (err) {
      if (token.isCancellationRequested) {
        if (cancelledMessage) void vscode.window.showInformationMessage(cancelledMessage);
        throw new vscode.CancellationError();
      }
      throw err;
    } finally {
      sub.dispose();
    }
  });
}
