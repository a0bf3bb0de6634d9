import * as vscode from 'vscode';

/** Why an engine action does nothing in an untrusted workspace, and what still works. */
export function restrictedModeMessage(action?: string): string {
  return (
    `${action ? `${action} is unavailable in Restricted Mode` : 'Restricted Mode'}: Stowage makes no Docker engine, registry or ` +
    'credential-helper request while this workspace is not trusted. Image reference checking still works. ' +
    'Trust the workspace to use the engine; no reload is needed.'
  );
}

/** Thrown before any engine request while the workspace is not trusted. */
export class RestrictedModeError extends Error {
  override name = 'RestrictedModeError';
  constructor(action?: string) {
    super(restrictedModeMessage(action));
  }
}

/** Throws RestrictedModeError unless the workspace is trusted. */
export function requireTrust(action?: string): void {
  if (!vscode.workspace.isTrusted) throw new RestrictedModeError(action);
}

/** VS Code's own command that opens the workspace trust editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';
