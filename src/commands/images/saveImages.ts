import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { ARCHIVE_EXTENSIONS, saveArchiveTarget } from '../../model/saveArchiveTarget';
import { RepositoryNode } from '../../views/images/RepositoryNode';
import type { TreeNode } from '../../views/TreeNode';
import { pickImages } from '../pick/pickImages';
import type { StowageContext } from '../StowageContext';
import { withEngineProgress } from '../withEngineProgress';

/**
 * `docker save`: one or more images (a multi-selection, or every tag of a
 * repository) into one tar, gzip-compressed when the name chosen ends in `.tar.gz`,
 * `.tgz` or `.gz`. The file written is exactly the name chosen (saveArchiveTarget).
 * The engine's stream goes to a temporary file that becomes it only when complete.
 */
export async function saveImages(ctx: StowageContext, node?: TreeNode, selection?: TreeNode[]): Promise<vscode.Uri> {
  const nodes = selection?.length ? selection : node ? [node] : [];
  const fromRepos = nodes.flatMap((n) => (n instanceof RepositoryNode ? n.tags.map((t) => t.reference) : []));
  const references = fromRepos.length ? fromRepos : (await pickImages(ctx, node, selection, 'Save images to a tar file')).map((t) => t.reference);
  const base = references.length === 1 ? references[0].replace(/[/:@]+/g, '_') : 'images';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(require('node:os').homedir());
  const chosen = await vscode.window.showSaveDialog({
    title: `Save ${references.length === 1 ? references[0] : `${references.length} images`}`,
    defaultUri: vscode.Uri.joinPath(folder, `${base}.tar`),
    filters: { 'Image archive (.tar, .tar.gz, .tgz)': [...ARCHIVE_EXTENSIONS] },
    saveLabel: 'Save',
  });
  if (!chosen) throw new vscode.CancellationError();
  const { path, gzip } = saveArchiveTarget(chosen.fsPath);
  const target = vscode.Uri.file(path);
  await withEngineProgress(`Saving ${references.length === 1 ? references[0] : `${references.length} images`} to ${vscode.workspace.asRelativePath(target)}`, (onProgress, signal) =>
    engineModule().saveImages(ctx.session.engine(), references, target.fsPath, { gzip, onProgress, signal }),
  );
  const open = await vscode.window.showInformationMessage(`Saved ${references.join(', ')} to ${target.fsPath}.`, 'Reveal in File Explorer');
  if (open) await vscode.commands.executeCommand('revealFileInOS', target);
  return target;
}
