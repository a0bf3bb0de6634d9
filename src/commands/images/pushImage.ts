import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { plural } from '../../model/plural';
import { parseReference } from '../../reference/parseReference';
import { RepositoryNode } from '../../views/images/RepositoryNode';
import type { TreeNode } from '../../views/TreeNode';
import { pickImages } from '../pick/pickImages';
import { registryInputError } from '../registries/login';
import { offerLogin } from '../registries/offerLogin';
import { revealImage } from '../revealImage';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { withEngineProgress } from '../withEngineProgress';

const HUB = 'docker.io';

/**
 * `docker push`: a tag, or a whole repository (every tag). The registry is the
 * one the name starts with; when the user wants another, Stowage explains that
 * the local name must match the registry's and offers to tag it for that one first.
 */
export async function pushImage(ctx: StowageContext, node?: TreeNode): Promise<void> {
  let repository: string | undefined;
  let references: string[];
  if (node instanceof RepositoryNode) {
    repository = node.group.repository;
    references = node.tags.map((t) => t.reference);
  } else {
    const [target] = await pickImages(ctx, node, undefined, 'Push image', false);
    if (!target.image.repoTags.includes(target.reference)) throw new UserError('An untagged image cannot be pushed: tag it with a registry name first (Tag Image).');
    references = [target.reference];
  }
  const first = parseReference(references[0], 'normalized');
  if (!first.valid) throw new UserError(`${references[0]} is not a valid reference: ${first.error.message}`);
  const currentRegistry = first.domain ?? HUB;

  const logins = await engineModule().listLogins().catch(() => []);
  const others = [...new Set(logins.map((l) => (l.registry.includes('index.docker.io') ? HUB : l.registry)))].filter((r) => r !== currentRegistry);
  const choice = await vscode.window.showQuickPick(
    [
      { label: currentRegistry === HUB ? 'Docker Hub (docker.io)' : currentRegistry, description: 'the registry this name points to', registry: currentRegistry },
      ...others.map((r) => ({ label: r, description: 'logged in: tag for it, then push', registry: r })),
      { label: 'Another registry…', description: 'tag for it, then push', registry: '' },
    ],
    { title: `Push ${repository ? `${repository} (all ${plural(references.length, 'tag')})` : references[0]} to` },
  );
  if (!choice) throw new vscode.CancellationError();
  let registry = choice.registry;
  if (!registry) {
    const typed = await vscode.window.showInputBox({ title: 'Push to registry', prompt: 'host[:port]', placeHolder: '127.0.0.1:5000', validateInput: (v) => (v.trim() ? registryInputError(v) : 'A registry host is needed') });
    if (!typed) throw new vscode.CancellationError();
    registry = typed.trim();
  }

  if (registry !== currentRegistry) {
    const renamed = references.map((r) => engineModule().retagForRegistry(r, registry));
    const answer = await vscode.window.showInformationMessage(
      `Tag for ${registry} first?`,
      {
        modal: true,
        detail: `The engine pushes a name to the registry the name starts with: ${references[0]} goes to ${currentRegistry}. To push to ${registry} the image needs a name there: ${renamed.join(', ')}. Stowage adds ${renamed.length === 1 ? 'that tag' : 'those tags'} (the old names stay) and pushes.`,
      },
      'Tag and Push',
    );
    if (answer !== 'Tag and Push') throw new vscode.CancellationError();
    for (let i = 0; i < references.length; i++) await engineModule().tagImage(ctx.session.engine(), references[i], renamed[i]);
    references = renamed;
    if (repository) repository = engineModule().retagForRegistry(repository, registry);
    ctx.session.refresh(['images']);
  }

  const what = repository ? { repository, allTags: true as const } : references[0];
  const label = repository ? `${repository} (${plural(references.length, 'tag')})` : references[0];
  const where = registry === HUB ? 'Docker Hub' : registry;
  const cancelled = `Push of ${label} to ${where} cancelled. Layers the registry already received stay there and are reused by the next push.`;
  const push = () => withEngineProgress(`Pushing ${label}`, (onProgress, signal) => engineModule().pushImage(ctx.session.engine(), what, { onProgress, signal }), cancelled);
  try {
    await push();
  } catch (err) {
    // Not logged in (or a stale login): log in, then try once more. Anything else, a cancel included, goes on up.
    await offerLogin(ctx, err);
    await push();
  }
  ctx.session.refresh(['images']);
  await revealImage(ctx, references[0]);
  void vscode.window.showInformationMessage(`Pushed ${label} to ${where}.`);
}
