import { MessageNode } from './MessageNode';
import type { TreeNode } from './TreeNode';

/**
 * What a view shows when the engine did not answer: which endpoint, what failed, and
 * a Retry (given `retryArg`, the row of a pinned engine, Retry reconnects that engine).
 */
export function engineErrorNodes(view: string, message: string, retryArg?: TreeNode): TreeNode[] {
  return [
    new MessageNode(`${view}:error`, message, { icon: 'error', tooltip: message }),
    new MessageNode(`${view}:retry`, 'Retry', { icon: 'refresh', command: { command: 'stowage.retryConnection', title: 'Retry', arguments: retryArg ? [retryArg] : undefined } }),
  ];
}
