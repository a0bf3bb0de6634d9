import { MANAGE_TRUST_COMMAND, restrictedModeMessage } from '../session/restrictedMode';
import { MessageNode } from './MessageNode';
import type { TreeNode } from './TreeNode';

/** What a view shows in an untrusted workspace instead of asking the engine: why, and where to change it. */
export function restrictedModeNodes(view: string, label = 'Restricted Mode: no engine requests in an untrusted workspace'): TreeNode[] {
  const message = restrictedModeMessage();
  return [
    new MessageNode(`${view}:restricted`, label, { icon: 'shield', tooltip: message }),
    new MessageNode(`${view}:trust`, 'Manage Workspace Trust…', { icon: 'workspace-trusted', command: { command: MANAGE_TRUST_COMMAND, title: 'Manage Workspace Trust' }, tooltip: message }),
  ];
}
