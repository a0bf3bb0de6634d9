import * as vscode from 'vscode';
import { config } from '../../config';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';
import { pickEngine } from './pickEngine';

/** Remove: `docker context rm` for a context (asking first, and again when it is the CLI's current one); an added endpoint leaves the list. */
export async function removeEngineContext(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const engine = await pickEngine(ctx, node, 'Remove', (e) => (e.origin === 'context' && e.name !== 'default') || e.origin === 'added');
  if (engine.origin === 'added') {
    await config.setAddedEngines(config.addedEngines().filter((u) => u.trim() !== engine.url));
    ctx.engines.refresh();
    return;
  }
  const detail = engine.cliCurrent
    ? `It is the docker CLI's current context: the CLI goes back to "default" (${process.env.DOCKER_HOST || 'unix:///var/run/docker.sock'}).`
    : `Its description and TLS files are deleted from the docker CLI's config folder, as docker context rm does.`;
  const answer = await vscode.window.showWarningMessage(`Remove the docker context ${engine.name} (${engine.url})?`, { modal: true, detail }, 'Remove');
  if (answer !== 'Remove') throw new vscode.CancellationError();
  await engineModule().removeContext(engine.name, { force: engine.cliCurrent });
  ctx.engines.refresh();
  ctx.session.refresh();
}
