import * as vscode from 'vscode';
import { config } from '../../config';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { pickEngine } from './pickEngine';
import { pinnedName } from '../../model/pinnedName';

/**
 * Pin in Stowage: with two or more engines pinned, the Images and Containers views
 * show each one's images and containers under its own row. Stored in the
 * machine-scoped `stowage.pinnedEngines`, as the engine setting.
 */
export async function pinEngine(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const pinned = config.pinnedEngines();
  const engine = await pickEngine(ctx, node, 'Pin in Stowage', (e) => !pinned.includes(pinnedName(e)));
  if (!engine.url) throw new UserError(`${engine.name} cannot be pinned: ${engine.error ?? 'it has no endpoint'}`);
  const name = pinnedName(engine);
  if (pinned.includes(name)) return;
  // The setting's change refreshes the Engines, Images and Containers views (PinnedEngines).
  await config.setPinnedEngines([...pinned, name]);
  void vscode.window.showInformationMessage(
    pinned.length === 0 ? `${engine.name} pinned. Pin another engine to see both side by side in Images and Containers.` : `${engine.name} pinned: Images and Containers now show ${pinned.length + 1} engines side by side.`,
  );
}

/** Unpin from Stowage: the engine leaves the grouped views (with one left, they show one engine again). */
export async function unpinEngine(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const pinned = config.pinnedEngines();
  const engine = await pickEngine(ctx, node, 'Unpin from Stowage', (e) => pinned.includes(pinnedName(e)));
  const name = pinnedName(engine);
  await config.setPinnedEngines(pinned.filter((p) => p !== name));
}
