import * as vscode from 'vscode';
import { config } from '../../config';
import { engineModule } from '../../engineModule';
import { describePruneOutcome } from '../../model/prune/describePruneOutcome';
import { describePrunePlan } from '../../model/prune/describePrunePlan';
import { describeLabelFilter, parseLabelFilter, type LabelFilter } from '../../model/prune/parseLabelFilter';
import type { PruneChoice } from '../../model/prune/planPrune';
import type { StowageContext } from '../StowageContext';
import { UserError } from '../UserError';
import { withEngineProgress } from '../withEngineProgress';

export type PruneStart = 'all' | 'images' | 'containers';

interface Kind extends vscode.QuickPickItem {
  readonly key: 'stoppedContainers' | 'danglingImages' | 'unusedImages';
}

/**
 * Prune: the user picks what (stopped containers, dangling images, unused
 * images), the engine is read once, a modal lists every object that goes and
 * the bytes it frees, and only after Remove are exactly those objects removed.
 * The message after says what went, what was reclaimed, and what was kept and why.
 * `stowage.prune.labelFilter` scopes all of it to one label.
 */
export async function prune(ctx: StowageContext, start: PruneStart = 'all'): Promise<string> {
  let label: LabelFilter | null;
  try {
    label = parseLabelFilter(config.pruneLabelFilter());
  } catch (err) {
    throw new UserError(`Setting stowage.prune.labelFilter: ${(err as Error).message}`);
  }
  const kinds: Kind[] = [
    { key: 'stoppedContainers', label: 'Stopped containers', description: 'exited, created or dead', picked: start !== 'images' },
    { key: 'danglingImages', label: 'Dangling images', description: 'no name, no container uses them', picked: start !== 'containers' },
    { key: 'unusedImages', label: 'Unused images', description: 'tagged, but no container uses them', picked: false },
  ];
  const picked = await vscode.window.showQuickPick(kinds, {
    canPickMany: true,
    title: `Prune${label ? ` (only ${describeLabelFilter(label)})` : ''}`,
    placeHolder: 'What to remove? Nothing goes before you confirm the list.',
  });
  if (!picked || picked.length === 0) throw new vscode.CancellationError();
  const has = (k: Kind['key']) => picked.some((p) => p.key === k);
  const choice: PruneChoice = { stoppedContainers: has('stoppedContainers'), danglingImages: has('danglingImages'), unusedImages: has('unusedImages'), label };
  const engine = ctx.session.engine();
  const prepared = await withEngineProgress('Prune: reading what can go…', () => engineModule().preparePrune(engine, choice));
  const text = describePrunePlan(prepared.plan, prepared, label);
  if (text.nothing) {
    const message = text.detail ? `${text.title} ${text.detail}` : text.title;
    void vscode.window.showInformationMessage(message);
    return message;
  }
  const answer = await vscode.window.showWarningMessage(text.title, { modal: true, detail: text.detail }, 'Remove');
  if (answer !== 'Remove') throw new vscode.CancellationError();
  let outcome;
  try {
    outcome = await withEngineProgress('Prune', (onProgress, signal) => engineModule().removePruned(engine, prepared.plan, onProgress, signal), 'Prune cancelled: what was removed before stays removed.');
  } finally {
    ctx.session.refresh(['images', 'containers']);
  }
  const message = describePruneOutcome(outcome);
  ctx.log.info(`Prune: ${message}`);
  if (outcome.skipped.length) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return message;
}
