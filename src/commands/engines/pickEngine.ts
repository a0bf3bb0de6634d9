import * as vscode from 'vscode';
import type { KnownEngine } from '../../engine/engines/KnownEngine';
import { EngineEntryNode } from '../../views/engines/EngineEntryNode';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';

/** The clicked engine, or one chosen from the list (asked afresh when the view never listed). */
export async function pickEngine(ctx: StowageContext, node: TreeNode | undefined, title: string, filter: (e: KnownEngine) => boolean = () => true): Promise<KnownEngine> {
  if (node instanceof EngineEntryNode) return node.engine;
  const { engineModule } = await import('../../engineModule');
  const { config } = await import('../../config');
  const engines = ctx.engines.known().length ? ctx.engines.known() : await engineModule().listEngines(config.addedEngines());
  const choice = await vscode.window.showQuickPick(
    engines.filter(filter).map((e) => ({ label: e.name, description: e.answers ? [e.version, e.os, e.storageDriver].join(' · ') : `not answering: ${e.error}`, detail: e.url, engine: e })),
    { title },
  );
  if (!choice) throw new vscode.CancellationError();
  return choice.engine;
}
