import * as vscode from 'vscode';
import type { StowageContext } from '../StowageContext';
import { requireRemoteTag } from './requireRemoteTag';

/** `registry/path:tag` to the clipboard. */
export async function copyRemoteReference(_ctx: StowageContext, node: unknown): Promise<void> {
  const tag = requireRemoteTag(node);
  await vscode.env.clipboard.writeText(tag.reference);
  void vscode.window.setStatusBarMessage(`Copied ${tag.reference}`, 3000);
}
