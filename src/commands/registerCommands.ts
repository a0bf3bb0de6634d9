import * as vscode from 'vscode';
import { isEngineError } from '../session/isEngineError';
import { MANAGE_TRUST_COMMAND, RestrictedModeError, restrictedModeMessage } from '../session/restrictedMode';
import type { StowageContext } from './StowageContext';
import { UserError } from './UserError';
import { commitContainer } from './containers/commitContainer';
import { containerLifecycle } from './containers/containerLifecycle';
import { inspectContainer } from './containers/inspectContainer';
import { killContainer } from './containers/killContainer';
import { openInBrowser } from './containers/openInBrowser';
import { openShell } from './containers/openShell';
import { pauseContainers } from './containers/pauseContainers';
import { removeContainer } from './containers/removeContainer';
import { renameContainer } from './containers/renameContainer';
import { showLogs } from './containers/showLogs';
import { groupImagesBy } from './images/groupImagesBy';
import { inspectImage } from './images/inspectImage';
import { loadImages } from './images/loadImages';
import { pushImage } from './images/pushImage';
import { renameTag } from './images/renameTag';
import { runImage } from './images/runImage';
import { saveImages } from './images/saveImages';
import { tagImage } from './images/tagImage';
import { login } from './registries/login';
import { logout } from './registries/logout';
import { pullImage } from './images/pullImage';
import { removeImage } from './images/removeImage';
import { copyToClipboard } from './copyToClipboard';
import { prune } from './prune/prune';
import { refresh } from './refresh';
import { addEngineEndpoint } from './engines/addEngineEndpoint';
import { copyToEngine } from './engines/copyToEngine';
import { makeContextCurrent } from './engines/makeContextCurrent';
import { newContext } from './engines/newContext';
import { removeEngineContext } from './engines/removeEngineContext';
import { useEngineInStowage } from './engines/useEngineInStowage';
import { pinEngine, unpinEngine } from './engines/pinEngine';
import { checkHostKey } from './engines/checkHostKey';
import { unknownHostKeyOf } from '../session/unknownHostKeyOf';
import { contextForArgs } from './contextForArgs';
import { compareLayerFileWithBelow } from './layers/compareLayerFileWithBelow';
import { openLayerFile } from './layers/openLayerFile';
import { openContainerFile } from './containers/openContainerFile';
import { copyOutOfContainer } from './containers/copyOutOfContainer';
import { filterImageFs } from './imagefs/filterImageFs';
import { compareImageWith } from './imagefs/compareImageWith';
import { compareImageFile } from './imagefs/compareImageFile';
import { refreshInspectDocument } from './refreshInspectDocument';
import { retryConnection } from './retryConnection';
import { checkNewerOnRegistry } from './remote/checkNewerOnRegistry';
import { compareRemoteTag } from './remote/compareRemoteTag';
import { addRegistry } from './registries/addRegistry';
import { addRepository } from './registries/addRepository';
import { removeAdded } from './registries/removeAdded';
import { copyRemoteDigest } from './remote/copyRemoteDigest';
import { copyRemoteReference } from './remote/copyRemoteReference';
import { deleteRemoteTag } from './remote/deleteRemoteTag';
import { inspectRemoteTag } from './remote/inspectRemoteTag';
import { pullRemoteTag } from './remote/pullRemoteTag';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Command = (ctx: StowageContext, ...args: any[]) => unknown;

/** Every command id, in one table; package.json declares the same ids. */
export const COMMANDS: Record<string, Command> = {
  'stowage.refresh': refresh,
  'stowage.prune': (ctx) => prune(ctx, 'all'),
  'stowage.pruneImages': (ctx) => prune(ctx, 'images'),
  'stowage.pruneContainers': (ctx) => prune(ctx, 'containers'),
  'stowage.retryConnection': retryConnection,
  'stowage.refreshInspectDocument': refreshInspectDocument,
  'stowage.images.groupBy': groupImagesBy,
  'stowage.inspectImage': inspectImage,
  'stowage.removeImage': removeImage,
  'stowage.pullImage': pullImage,
  'stowage.inspectContainer': inspectContainer,
  'stowage.openShell': openShell,
  'stowage.openInBrowser': openInBrowser,
  'stowage.showLogs': (ctx, node) => showLogs(ctx, node),
  'stowage.showLogsWithTimestamps': (ctx, node) => showLogs(ctx, node, true),
  'stowage.startContainer': (ctx, node) => containerLifecycle(ctx, 'start', node),
  'stowage.stopContainer': (ctx, node, selection) => containerLifecycle(ctx, 'stop', node, selection),
  'stowage.killContainer': killContainer,
  'stowage.pauseContainer': (ctx, node, selection) => pauseContainers(ctx, 'pause', node, selection),
  'stowage.unpauseContainer': (ctx, node, selection) => pauseContainers(ctx, 'unpause', node, selection),
  'stowage.renameContainer': renameContainer,
  'stowage.restartContainer': (ctx, node) => containerLifecycle(ctx, 'restart', node),
  'stowage.removeContainer': removeContainer,
  'stowage.commitContainer': commitContainer,
  'stowage.tagImage': tagImage,
  'stowage.renameTag': renameTag,
  'stowage.untagImage': removeImage,
  'stowage.runImage': runImage,
  'stowage.pushImage': pushImage,
  'stowage.saveImages': saveImages,
  'stowage.loadImages': loadImages,
  'stowage.loadImagesQuiet': (ctx, uri) => loadImages(ctx, uri, { quiet: true }),
  'stowage.copyImageShortId': (ctx, node, sel) => copyToClipboard(ctx, 'shortId', node, sel),
  'stowage.copyImageFullId': (ctx, node, sel) => copyToClipboard(ctx, 'fullId', node, sel),
  'stowage.copyReference': (ctx, node, sel) => copyToClipboard(ctx, 'reference', node, sel),
  'stowage.copyDigest': (ctx, node, sel) => copyToClipboard(ctx, 'digest', node, sel),
  'stowage.copyContainerId': (ctx, node, sel) => copyToClipboard(ctx, 'containerId', node, sel),
  'stowage.copyContainerName': (ctx, node, sel) => copyToClipboard(ctx, 'containerName', node, sel),
  'stowage.openLayerFile': openLayerFile,
  'stowage.openContainerFile': openContainerFile,
  'stowage.copyOutOfContainer': copyOutOfContainer,
  'stowage.compareLayerFileWithBelow': compareLayerFileWithBelow,
  'stowage.imageFs.filter': filterImageFs,
  'stowage.compareImageWith': compareImageWith,
  'stowage.compareImageFile': compareImageFile,
  'stowage.login': login,
  'stowage.logout': logout,
  'stowage.remote.pull': pullRemoteTag,
  'stowage.remote.copyReference': copyRemoteReference,
  'stowage.remote.copyDigest': copyRemoteDigest,
  'stowage.remote.inspect': inspectRemoteTag,
  'stowage.remote.compare': compareRemoteTag,
  'stowage.registries.add': addRegistry,
  'stowage.registries.addRepository': addRepository,
  'stowage.registries.removeAdded': removeAdded,
  'stowage.remote.delete': deleteRemoteTag,
  'stowage.checkNewer': (ctx) => checkNewerOnRegistry(ctx),
  'stowage.engines.refresh': (ctx) => ctx.engines.refresh(),
  'stowage.engines.use': useEngineInStowage,
  'stowage.engines.makeCurrent': makeContextCurrent,
  'stowage.engines.pin': pinEngine,
  'stowage.engines.unpin': unpinEngine,
  'stowage.engines.checkHostKey': checkHostKey,
  'stowage.engines.newContext': newContext,
  'stowage.engines.remove': removeEngineContext,
  'stowage.engines.add': addEngineEndpoint,
  'stowage.copyToEngine': copyToEngine,
};

/** Commands that make no engine, registry or helper request, and so work in Restricted Mode. */
const WORK_WHEN_UNTRUSTED = new Set(['stowage.refresh', 'stowage.images.groupBy']);

/**
 * Wires each command through one wrapper: commands just throw, and the wrapper
 * shows the error as a sentence, stays silent when the user cancelled, and logs.
 */
export function registerCommands(ctx: StowageContext, extra: Record<string, Command> = {}): void {
  for (const [id, fn] of Object.entries({ ...COMMANDS, ...extra })) {
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (!vscode.workspace.isTrusted && !WORK_WHEN_UNTRUSTED.has(id)) return explainRestrictedMode(ctx, id);
        try {
          return await fn(contextForArgs(ctx, args), ...args);
        } catch (err) {
          return reportFailure(ctx, id, err);
        }
      }),
    );
  }
}

/**
 * Shows a command's failure as a sentence (with Check Host Key… for an unknown SSH
 * host), stays silent when the user cancelled, and logs it. Work started outside a
 * command (a drop onto a tree) reports through here too.
 */
export function reportFailure(ctx: StowageContext, id: string, err: unknown): undefined {
  if (isCancellation(err)) {
    ctx.log.info(`${id}: cancelled`);
    return undefined;
  }
  const message = isEngineError(err) || err instanceof UserError || err instanceof RestrictedModeError ? err.message : `Stowage: ${(err as Error)?.message ?? String(err)}`;
  ctx.log.error(`${id}: ${message}`);
  const hostKeyOf = unknownHostKeyOf(err);
  if (hostKeyOf) {
    // First contact with an SSH host: offer its fingerprint rather than a dead end.
    void vscode.window.showErrorMessage(message, 'Check Host Key…').then((choice) => choice && vscode.commands.executeCommand('stowage.engines.checkHostKey', hostKeyOf));
  } else {
    void vscode.window.showErrorMessage(message);
  }
  return undefined;
}

/** Says why the command does nothing, before it asks anything or calls the engine. */
function explainRestrictedMode(ctx: StowageContext, id: string): undefined {
  const title = (ctx.extension.extension.packageJSON as { contributes?: { commands?: { command: string; title: string }[] } }).contributes?.commands?.find((c) => c.command === id)?.title;
  const message = `Stowage: ${restrictedModeMessage(title ? `“${title.replace(/…$/, '')}”` : 'This command')}`;
  ctx.log.info(`${id}: refused in Restricted Mode (workspace not trusted)`);
  void vscode.window.showWarningMessage(message, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
  });
  return undefined;
}

function isCancellation(err: unknown): boolean {
  return err instanceof vscode.CancellationError || (isEngineError(err) && err.kind === 'cancelled');
}
