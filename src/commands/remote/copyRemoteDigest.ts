import * as vscode from 'vscode';
import type { StowageContext } from '../StowageContext';
import { requireRemoteTag } from './requireRemoteTag';

/** `registry/path@sha256:…` to the clipboard: the tag's manifest now, fixed even if the tag moves. */
export async function copyRemoteDigest(_ctx: StowageContext, node: unknown): Promise<void> {
  const tag = requireRemoteTag(node);
  const { digest } = await tag.details();
  const text = `${tag.parent.name}@${digest}`;
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
}
