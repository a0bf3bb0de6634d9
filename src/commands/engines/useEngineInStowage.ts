import * as vscode from 'vscode';
import { config } from '../../config';
import type { TreeNode } from '../../views/TreeNode';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { pickEngine } from './pickEngine';

/**
 * Use in Stowage: the views show this engine. Written to the machine-scoped
 * `stowage.dockerHost` (no workspace can redirect the engine); the docker CLI's
 * current context means the setting is cleared, so Stowage follows the CLI again.
 */
export async function useEngineInStowage(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const engine = await pickEngine(ctx, node, 'Use in Stowage');
  if (engine.error && !engine.url) throw new UserError(`${engine.name} cannot be used: ${engine.error}`);
  const followCli = engine.origin === 'context' && engine.cliCurrent && !process.env.DOCKER_HOST;
  if (!followCli && engine.origin === 'context' && engine.url.startsWith('tcp://')) {
    const tls = (await import('../../engineModule')).engineModule();
    const context = (await tls.listContexts()).contexts.find((c) => c.name === engine.name);
    if (context && context.tlsFiles.length > 0) {
      throw new UserError(`${engine.name} uses TLS files kept with the context, which the stowage.dockerHost setting cannot name: make it current for the docker CLI (Make Current), and Stowage follows it.`);
    }
  }
  await config.setDockerHost(followCli ? '' : engine.url);
  ctx.engines.refresh();
  void vscode.window.showInformationMessage(followCli ? `Stowage now follows the docker CLI: ${engine.name} (${engine.url}).` : `Stowage now shows ${engine.name} (${engine.url}); stowage.dockerHost set in your user settings.`);
}
