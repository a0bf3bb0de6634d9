import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { RestartPolicy, RunChoices } from '../../model/run/RunSpec';
import { parseContainerName } from '../../model/run/parseContainerName';
import { parseEnvList } from '../../model/run/parseEnvList';
import { parsePorts } from '../../model/run/parsePorts';
import { parseRunChoices } from '../../model/run/parseRunChoices';
import { parseRunCommand } from '../../model/run/parseRunCommand';
import { parseVolumes } from '../../model/run/parseVolumes';
import { AttachedContainer } from '../../terminal/AttachedContainer';
import type { TreeNode } from '../../views/TreeNode';
import { pickImages } from '../pick/pickImages';
import type { StowageContext } from '../StowageContext';
import { withEngineProgress } from '../withEngineProgress';

const EMPTY: RunChoices = { name: '', command: '', env: '', ports: '', volumes: '', network: '', restart: 'no', autoRemove: false, interactive: false };
const RESTARTS: RestartPolicy[] = ['no', 'on-failure', 'always', 'unless-stopped'];

/**
 * `docker run` for a tag or an untagged image: a short dialog (each field checked as it
 * is typed, all of them again before the engine is asked), the last choices for that
 * image offered again, then create + start, and the new container revealed.
 */
export async function runImage(ctx: StowageContext, node?: TreeNode): Promise<string> {
  const [target] = await pickImages(ctx, node, undefined, 'Run image', false);
  const key = `stowage.run.${target.reference}`;
  const last = { ...EMPTY, ...ctx.extension.workspaceState.get<Partial<RunChoices>>(key) };
  const title = `Run ${target.reference}`;
  const ask = async (prompt: string, value: string, check: (v: string) => unknown, placeHolder: string) => {
    const text = await vscode.window.showInputBox({ title, prompt, value, placeHolder, ignoreFocusOut: true, validateInput: (v) => problemOf(() => check(v)) });
    if (text === undefined) throw new vscode.CancellationError();
    return text;
  };
  const choices: RunChoices = { ...last };
  // A remembered name would clash with the container it made: offer it only as a hint.
  choices.name = await ask('Container name (empty: the engine picks one)', '', parseContainerName, last.name || 'e.g. web');
  choices.command = await ask("Command (empty: the image's CMD). Words, or a JSON array", last.command, parseRunCommand, 'e.g. /bin/httpd -f -h /data/html  or  ["/bin/sh","-c","…"]');
  choices.env = await ask('Environment variables, NAME=value separated by spaces', last.env, parseEnvList, 'e.g. MODE=prod GREETING="hello there"');
  choices.ports = await ask('Published ports, separated by spaces', last.ports, parsePorts, 'e.g. 8080:80  127.0.0.1:8443:443/tcp  8000-8002:8000-8002');
  choices.volumes = await ask('Volumes and bind mounts, separated by spaces', last.volumes, parseVolumes, 'e.g. /srv/site:/data/html:ro  cache:/cache');
  choices.network = await ask('Network (empty: the default bridge)', last.network, () => undefined, 'e.g. my-network');
  const restart = await vscode.window.showQuickPick(
    RESTARTS.map((r) => ({ label: r, picked: r === last.restart, description: r === last.restart ? 'last used' : undefined })),
    { title, placeHolder: 'Restart policy', ignoreFocusOut: true },
  );
  if (!restart) throw new vscode.CancellationError();
  choices.restart = restart.label;
  const flags = await vscode.window.showQuickPick(
    [
      { label: 'Detached', description: 'run in the background (default)', id: 'detached', picked: !last.interactive && !last.autoRemove },
      { label: 'Interactive terminal (-it)', description: 'attach a terminal to the command', id: 'interactive', picked: last.interactive },
      { label: 'Remove when it stops (--rm)', id: 'rm', picked: last.autoRemove },
    ],
    { title, placeHolder: 'How to run (Enter keeps the checked choices)', canPickMany: true, ignoreFocusOut: true },
  );
  if (!flags) throw new vscode.CancellationError();
  choices.interactive = flags.some((f) => f.id === 'interactive');
  choices.autoRemove = flags.some((f) => f.id === 'rm');
  const spec = parseRunChoices(target.reference, choices);
  await ctx.extension.workspaceState.update(key, choices);

  const engine = ctx.session.engine();
  const result = await withEngineProgress(`Running ${target.reference}…`, (_p, signal) => engineModule().runContainer(engine, spec, signal));
  ctx.log.info(`Ran ${target.reference} as ${result.name} (${result.id.slice(0, 12)})`);
  ctx.session.refresh(['containers']);
  if (result.stream) {
    const terminal = vscode.window.createTerminal({ name: `${result.name} (-it)`, pty: new AttachedContainer(engine, result.id, result.name, result.stream), iconPath: new vscode.ThemeIcon('terminal') });
    terminal.show();
  }
  try {
    const row = await ctx.containers.findContainer(result.id);
    if (row) await ctx.containersView.reveal(row, { select: true, focus: !result.stream });
  } catch (err) {
    ctx.log.info(`Could not reveal ${result.name}: ${(err as Error).message}`);
  }
  return result.id;
}

/** The InputError's sentence for an input box, or undefined when the field is fine. */
function problemOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
