import { MessageNode } from './MessageNode';
import type { TreeNode } from './TreeNode';

/** What a view shows when the engine did not answer: which endpoint, what failed, and a Retry. */
export function engineErrorNodes(view: string, message: string): TreeNode[] {
  return [
    new MessageNode(`${view}:error`, message, { icon: 'error', tooltip: message }),
    new MessageNode(`${view}:retry`, 'Retry', { icon: 'refresh', command: { command: 'stowage.retryConnection', title: 'Retry' } }),
  ];
}
