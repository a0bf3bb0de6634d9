import * as vscode from 'vscode';
import { join } from 'node:path';
import { pullImage } from './commands/images/pullImage';
import { registerCommands, reportFailure } from './commands/registerCommands';
import { copyImagesToEngine } from './commands/engines/copyImagesToEngine';
import { startReferenceChecking, type EngineImagesResult } from './language/startReferenceChecking';
import type { StowageContext } from './commands/StowageContext';
import { EngineSession } from './session/EngineSession';
import { PinnedEngines } from './session/PinnedEngines';
import { ContainersTreeProvider } from './views/containers/ContainersTreeProvider';
import { EngineTreeProvider } from './views/engine/EngineTreeProvider';
import { EnginesTreeProvider } from './views/engines/EnginesTreeProvider';
import { ImagesTreeProvider } from './views/images/ImagesTreeProvider';
import { ImagesDragAndDrop } from './views/images/ImagesDragAndDrop';
import { setLayerIndexFolder } from './views/images/imageLayersCache';
import { restoreImageFsFilter } from './views/imagefs/imageFsFilter';
import { ComparisonTreeProvider } from './views/comparison/ComparisonTreeProvider';
import { LAYER_SCHEME, LayerFileSystem } from './views/images/LayerFileSystem';
import { CONTAINER_SCHEME, ContainerFileSystem } from './views/containers/ContainerFileSystem';
import { InspectDocuments } from './views/InspectDocuments';
import { RegistriesTreeProvider } from './views/registries/RegistriesTreeProvider';
import { AddedRegistries } from './model/registries/AddedRegistries';
import { RemoteDocuments } from './views/RemoteDocuments';
import { checkNewerOnRegistry } from './commands/remote/checkNewerOnRegistry';
import type { StowageTreeProvider } from './views/StowageTreeProvider';
import type { TreeNode } from './views/TreeNode';

/** What other extensions (and Stowage's own end-to-end probe) can reach through `exports`. */
export interface StowageApi {
  /** The engine endpoint in use, and where it came from. */
  endpoint(): string;
  /** How long activate() itself took, in ms (module loading excluded). */
  activationMs(): number;
  /** Engine API requests made so far (0 before the engine client is loaded). */
  engineRequests(): number;
  /** Whether the engine client bundle has been loaded (it must not be, by activation alone). */
  engineLoaded(): boolean;
  /** Root rows of a view, as labels, after a fresh listing. */
  viewRows(view: 'images' | 'containers' | 'engine'): Promise<string[]>;
}

/**
 * Activation registers views and commands and nothing else: the engine client
 * (dockerode) is loaded when a view first asks for data, so opening VS Code
 * never pays for it. Failures are shown, since VS Code keeps them quiet.
 */
export function activate(context: vscode.ExtensionContext): StowageApi | undefined {
  const started = performance.now();
  try {
    const api = activateStowage(context);
    activationMs = performance.now() - started;
    return api;
  } catch (err) {
    void vscode.window.showErrorMessage(`Stowage could not start: ${(err as Error).message}`);
    throw err;
  }
}

let activationMs = 0;

function activateStowage(context: vscode.ExtensionContext): StowageApi {
  const log = vscode.window.createOutputChannel('Stowage', { log: true });
  const session = new EngineSession(log);
  setLayerIndexFolder(join(context.globalStorageUri.fsPath, 'layer-index'));
  restoreImageFsFilter(context.globalState);
  const pins = new PinnedEngines(session, log);
  const images = new ImagesTreeProvider(session, pins);
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(LAYER_SCHEME, new LayerFileSystem((name) => pins.sessionNamed(name)), { isReadonly: true, isCaseSensitive: true }));
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(CONTAINER_SCHEME, new ContainerFileSystem((name) => pins.sessionNamed(name)), { isReadonly: true, isCaseSensitive: true }));
  const containers = new ContainersTreeProvider(session, pins);
  const engineInfo = new EngineTreeProvider(session, async () => (await images.images()).length);
  const inspect = new InspectDocuments(session);
  const createView = (id: string, provider: StowageTreeProvider, multi: boolean, dragAndDropController?: vscode.TreeDragAndDropController<TreeNode>) => {
    const view = vscode.window.createTreeView<TreeNode>(id, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: multi, dragAndDropController });
    provider.view = view;
    context.subscriptions.push(view, provider);
    return view;
  };
  // Tags dropped on another pinned engine's row are copied there (ctx exists by the time anything is dragged).
  const dropOnEngine = new ImagesDragAndDrop(
    session,
    (source, plan, target) =>
      copyImagesToEngine(ctx, source.engine(), plan.references, { name: plan.to.name, endpoint: target.endpoint() }).catch((err) => reportFailure(ctx, 'stowage.images.drop', err)),
    (message) => {
      log.info(`stowage.images.drop: ${message}`);
      void vscode.window.showInformationMessage(message);
    },
  );
  const imagesView = createView('stowage.images', images, true, dropOnEngine);
  const containersView = createView('stowage.containers', containers, true);
  createView('stowage.engine', engineInfo, false);
  const registries = new RegistriesTreeProvider(session, new AddedRegistries(context.globalState));
  const registriesView = vscode.window.createTreeView('stowage.registries', { treeDataProvider: registries, showCollapseAll: true });
  context.subscriptions.push(registriesView, registries);
  const engines = new EnginesTreeProvider(session);
  context.subscriptions.push(vscode.window.createTreeView('stowage.engines', { treeDataProvider: engines }), engines);
  const comparison = new ComparisonTreeProvider();
  context.subscriptions.push(vscode.window.createTreeView('stowage.imageComparison', { treeDataProvider: comparison, showCollapseAll: true }), comparison);
  context.subscriptions.push(log, session, pins, inspect, vscode.workspace.registerTextDocumentContentProvider(InspectDocuments.scheme, inspect));
  const remoteDocuments = new RemoteDocuments();
  context.subscriptions.push(remoteDocuments, vscode.workspace.registerTextDocumentContentProvider(RemoteDocuments.scheme, remoteDocuments));

  // Grouped by pinned engine, each engine's row follows its own session (EngineGroupNode).
  session.onDidChange((kinds) => {
    if (kinds.has('images') && !images.grouped) images.refresh();
    if (kinds.has('containers') && !containers.grouped) containers.refresh();
    engineInfo.refresh();
  });
  pins.onDidChange(() => {
    images.refresh();
    containers.refresh();
    engines.refresh();
  });
  session.onDidChangeState((s) => {
    const message = s.kind === 'down' ? `Docker engine not reachable (${session.describeEndpoint()}): ${s.message} Stowage reconnects by itself.` : undefined;
    // Grouped, the engine's own row says it (another engine's rows are fine).
    imagesView.message = images.grouped ? undefined : message;
    containersView.message = containers.grouped ? undefined : message;
    void vscode.commands.executeCommand('setContext', 'stowage.engineDown', s.kind === 'down');
  });

  const ctx: StowageContext = { extension: context, session, pins, log, images, containers, engineInfo, imagesView, containersView, inspect, registries, remoteDocuments, engines, comparison };
  registerCommands(ctx);
  // "Newer on the registry" is checked when the Registries view opens (and by its command), never on a timer.
  context.subscriptions.push(
    registriesView.onDidChangeVisibility((e) => {
      if (e.visible && vscode.workspace.isTrusted) checkNewerOnRegistry(ctx, true).catch((err: Error) => log.warn(`Newer on the registry: ${err.message}`));
    }),
  );
  // After registerCommands: the language client only adds its own pull command if ours is missing.
  const imagesChanged = new vscode.EventEmitter<void>();
  session.onDidChange((kinds) => kinds.has('images') && imagesChanged.fire());
  context.subscriptions.push(
    imagesChanged,
    startReferenceChecking(context, {
      getEngineImages: () => engineImagesForServer(images),
      pullImage: (reference) => pullImage(ctx, reference),
      log: (line) => log.info(line),
      onDidChangeImages: imagesChanged.event,
    }),
  );

  // Trust granted later: the views ask the engine now, without a reload (the language
  // client restarts itself to learn it).
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const provider of [images, containers, engineInfo, registries, engines]) provider.refresh();
      imagesChanged.fire();
    }),
  );

  return {
    endpoint: () => session.describeEndpoint(),
    engineRequests: () => session.requestCount(),
    activationMs: () => activationMs,
    engineLoaded: () => session.connected,
    viewRows: async (view) => {
      const provider = view === 'images' ? images : view === 'containers' ? containers : engineInfo;
      const nodes = await provider.listedRoots();
      return nodes.map((n) => {
        const label = n.treeItem().label;
        return typeof label === 'string' ? label : (label?.label ?? '');
      });
    },
  };
}

/**
 * The language server's view of the engine: names and digests for hover, fixes and
 * completion. It shares the Images view's listing, so a change costs one listing, not two.
 */
async function engineImagesForServer(provider: ImagesTreeProvider): Promise<EngineImagesResult> {
  if (!vscode.workspace.isTrusted) return { available: false, reason: 'the workspace is not trusted', images: [] };
  try {
    const images = await provider.images();
    return {
      available: true,
      images: images.map((i) => ({ id: i.id, repoTags: [...i.repoTags], repoDigests: [...i.repoDigests], size: i.size, created: i.created })),
    };
  } catch (err) {
    return { available: false, reason: (err as Error).message, images: [] };
  }
}

export function deactivate(): void {}
