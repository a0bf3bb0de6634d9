import * as vscode from 'vscode';
import { InspectDocuments } from '../views/InspectDocuments';
import type { StowageContext } from './StowageContext';
import { UserError } from './UserError';

/** Reads the inspect document's object from the engine again (the editor title's Refresh, or the palette). */
export async function refreshInspectDocument(ctx: StowageContext, uri?: vscode.Uri): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (target?.scheme !== InspectDocuments.scheme) throw new UserError('Refresh Inspect Document works on an open Stowage inspect document: inspect an image or container first.');
  await ctx.inspect.refresh(target);
}
