import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';
import { pickEngine } from './pickEngine';

/** Make Current for the docker CLI: `docker context use`, an atomic write of config.json's currentContext. */
export async function makeContextCurrent(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const engine = await pickEngine(ctx, node, 'Make current for the docker CLI', (e) => e.origin === 'context');
  const { overriddenBy } = await engineModule().useContext(engine.name);
  ctx.engines.refresh();
  ctx.session.refresh();
  const note = overriddenBy ? ` ${overriddenBy} is set in this environment, and wins over it here.` : '';
  void vscode.window.showInformationMessage(`The docker CLI's current context is now ${engine.name}.${note}`);
}
