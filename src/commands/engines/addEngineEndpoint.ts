import * as vscode from 'vscode';
import { config } from '../../config';
import { engineModule } from '../../engineModule';
import type { StowageContext } from '../StowageContext';

/** Add Endpoint…: an engine URL kept in the machine-scoped `stowage.engines` list. */
export async function addEngineEndpoint(ctx: StowageContext): Promise<void> {
  const url = await vscode.window.showInputBox({
    title: 'Add an engine endpoint',
    prompt: 'As DOCKER_HOST writes it',
    placeHolder: 'unix:///run/podman/podman.sock, tcp://host:2375, ssh://user@host',
    validateInput: (v) => {
      try {
        engineModule().parseHost(v.trim(), 'endpoint');
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
  });
  if (!url) throw new vscode.CancellationError();
  const list = config.addedEngines();
  if (!list.includes(url.trim())) await config.setAddedEngines([...list, url.trim()]);
  ctx.engines.refresh();
}
