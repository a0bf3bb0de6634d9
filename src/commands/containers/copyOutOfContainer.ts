import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { formatBytes } from '../../shared/formatBytes';
import { ContainerFileNode } from '../../views/containers/ContainerFileNode';
import { UserError } from '../UserError';
import type { StowageContext } from '../StowageContext';

/**
 * Copy Out: a container's file or folder into the workspace (its first folder, or one
 * the user picks when none is open), streamed from the engine's archive endpoint.
 * Asks before replacing anything; a failed copy leaves nothing behind.
 */
export async function copyOutOfContainer(_ctx: StowageContext, node?: ContainerFileNode): Promise<void> {
  if (!(node instanceof ContainerFileNode)) throw new UserError('Copy Out works on a file or folder under a container\'s Files in the Containers view.');
  let dest = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  if (!dest) {
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Copy Here' });
    if (!picked?.[0]) return;
    dest = picked[0].fsPath;
  }
  const path = `/${node.file.path}`;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Copying ${path} out of the container`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return engineModule().copyOutOfContainer(
        _ctx.session.engine(),
        node.containerId,
        path,
        dest!,
        async (target) => {
          const replace = 'Replace';
          const answer = await vscode.window.showWarningMessage(`${target} already exists. Replace it with ${path} from the container?`, { modal: true }, replace);
          return answer === replace;
        },
        abort.signal,
      );
    },
  );
  if (!result.target) return;
  const skipped = result.skipped.length ? ` (${result.skipped.length} device, FIFO or socket entries not copied)` : '';
  void vscode.window.showInformationMessage(`Copied ${path} to ${result.target}: ${result.files === 1 ? '1 file' : `${result.files.toLocaleString('en-US')} files`}, ${formatBytes(result.bytes)}${skipped}.`);
}
