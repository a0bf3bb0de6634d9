import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { plural } from '../../model/plural';
import { shortId } from '../../model/shortId';
import type { TreeNode } from '../../views/TreeNode';
import { askReference } from '../askReference';
import { confirmNameMoves } from '../images/confirmNameMoves';
import { pickContainers } from '../pick/pickContainer';
import { revealImage } from '../revealImage';
import type { StowageContext } from '../StowageContext';

const PAUSE_WHY =
  'Processes keep writing while a running container is committed; a file caught mid-write lands half-written in the image. Pausing freezes them for the moment of the commit (docker commit -p, the default).';

/**
 * `docker commit`, as a guided dialog: first what will be captured (the writable
 * layer), then name, author, message, Dockerfile changes (each checked before the
 * engine sees it) and pause.
 */
export async function commitContainer(ctx: StowageContext, node?: TreeNode): Promise<string> {
  const [container] = await pickContainers(ctx, node, undefined, 'Commit container');
  const mod = engineModule();
  const engine = ctx.session.engine();
  const title = `Commit ${container.name}`;

  const changes = await mod.containerChanges(engine, container.id);
  const counts = (['added', 'changed', 'deleted'] as const).map((k) => `${changes.filter((c) => c.kind === k).length} ${k}`).join(', ');
  const proceed = await vscode.window.showQuickPick(
    [
      { label: '$(check) Continue', description: changes.length ? `capture ${counts}` : 'no file changes: only the configuration will differ', go: true },
      ...changes.slice(0, 500).map((c) => ({ label: `$(${c.kind === 'added' ? 'diff-added' : c.kind === 'deleted' ? 'diff-removed' : 'diff-modified'}) ${c.path}`, description: c.kind, go: false })),
    ],
    { title: `${title} (1/6): what its writable layer holds, which the new image will capture`, placeHolder: `${plural(changes.length, 'change')} — ${counts}`, ignoreFocusOut: true },
  );
  if (!proceed?.go) throw new vscode.CancellationError();

  const name = await askReference({ title: `${title} (2/6): repository[:tag]`, prompt: 'Name for the new image. Leave empty for an unnamed <none>:<none> image.', optional: true });
  const reference = name ? `${name.repository}:${name.tag ?? 'latest'}` : undefined;
  // The engine gives the new image the name even when another image has it: ask now, before the other questions.
  const taken = reference ? (await confirmNameMoves(ctx, '', [reference], 'Committing')).moves[0] : undefined;

  const identity = await mod.readGitIdentity().catch(() => ({}));
  const author = await vscode.window.showInputBox({ title: `${title} (3/6): author (-a)`, value: mod.defaultAuthor(identity) ?? '', prompt: 'e.g. Jane Doe <jane@example.com> (from your git config when set)', ignoreFocusOut: true });
  if (author === undefined) throw new vscode.CancellationError();
  const message = await vscode.window.showInputBox({ title: `${title} (4/6): message (-m)`, prompt: 'What this image is, in a sentence (optional).', ignoreFocusOut: true });
  if (message === undefined) throw new vscode.CancellationError();

  const changeLines: string[] = [];
  for (;;) {
    const line = await vscode.window.showInputBox({
      title: `${title} (5/6): Dockerfile change ${changeLines.length + 1} (-c)`,
      prompt: `CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME or WORKDIR. Empty to finish.${changeLines.length ? ` So far: ${changeLines.join(' | ')}` : ''}`,
      placeHolder: 'CMD ["/bin/httpd","-f","-h","/data/html"]',
      ignoreFocusOut: true,
      validateInput: (v) => {
        if (!v.trim()) return undefined;
        const check = mod.validateChange(v);
        return check.error ? `${check.error.message} (at character ${check.error.start + 1})` : undefined;
      },
    });
    if (line === undefined) throw new vscode.CancellationError();
    if (!line.trim()) break;
    changeLines.push(line.trim());
  }

  const pause = await vscode.window.showQuickPick(
    [
      { label: 'Pause while committing', description: 'recommended (docker commit -p)', detail: PAUSE_WHY, pause: true },
      { label: "Don't pause", description: 'the container keeps running', detail: 'Only for containers that must not stop even for a moment, and whose files are at rest.', pause: false },
    ],
    { title: `${title} (6/6): pause`, ignoreFocusOut: true },
  );
  if (!pause) throw new vscode.CancellationError();

  const id = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Committing ${container.name}${name ? ` to ${name.text}` : ''}…` }, () =>
    mod.commitContainer(engine, container.id, {
      repository: name?.repository,
      tag: name?.tag ?? undefined,
      author: author.trim() || undefined,
      message: message.trim() || undefined,
      changes: changeLines,
      pause: pause.pause,
    }),
  );
  ctx.session.refresh(['images']);
  if (reference) await revealImage(ctx, reference);
  const moved = taken ? ` The name moved from image ${shortId(taken.fromImage)}${taken.keeps.length ? `, which keeps ${taken.keeps.join(', ')}` : ', now <none>:<none>'}.` : '';
  void vscode.window.showInformationMessage(`Committed ${container.name} as ${reference ?? `<none>:<none> (${shortId(id)})`}.${moved}`);
  return id;
}
