import { MessageNode } from './MessageNode';
import type { TreeNode } from './TreeNode';

/**
 * What a view shows when the engine did not answer: which endpoint, what failed, and
 * a Retry (given `retryArg`, the row of a pinned engine, Retry reconnects that engine);
 * for an SSH host whose key is not known, Check Host Key… too.
 */
export function engineErrorNodes(view: string, message: string, retryArg?: TreeNode, hostKeyOf?: string): TreeNode[] {
  const rows = [
    new MessageNode(`${view}:error`, message, { icon: 'error', tooltip: message }),
    new MessageNode(`${view}:retry`, 'Retry', { icon: 'refresh', command: { command: 'stowage.retryConnection', title: 'Retry', arguments: retryArg ? [retryArg] : undefined } }),
  ];
  // An SSH host never met: its fingerprint, to accept or not, is one click away.
  if (hostKeyOf) rows.push(new MessageNode(`${view}:hostkey`, 'Check Host Key…', { icon: 'key', command: { command: 'stowage.engines.checkHostKey', title: 'Check Host Key…', arguments: [hostKeyOf] } }));
  return rows;
}
