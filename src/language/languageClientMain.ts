import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  EngineChangedNotification,
  EngineImagesRequest,
  PULL_IMAGE_COMMAND,
  REFERENCES_SECTION,
  type EngineImagesResult,
  type ServerInitializationOptions,
} from '../shared/protocol';
import { REFERENCE_DOCUMENT_SELECTOR } from './documentSelector';
import type { ReferenceCheckingDeps } from './ReferenceCheckingDeps';

/** The running client, as startReferenceChecking sees it. */
export interface ReferenceClient {
  restart(): Promise<void>;
  /** Stops the server and removes the status bar item and commands. */
  dispose(): Promise<void>;
}

type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

const STATUS_TEXT: Record<ServerState, string> = {
  starting: '$(loading~spin) Image refs',
  running: '$(check) Image refs',
  stopped: '$(circle-slash) Image refs',
  failed: '$(error) Image refs',
};

/**
 * The language client for reference checking (dist/languageClient.js, loaded on first
 * need): starts dist/server.js over IPC, answers the server's engine requests through
 * `deps`, and shows the server's state in the status bar (click: restart).
 */
export function startLanguageClient(context: vscode.ExtensionContext, deps: ReferenceCheckingDeps): ReferenceClient {
  const serverModule = path.join(__dirname, 'server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: REFERENCE_DOCUMENT_SELECTOR,
    // The server reads settings per document (workspace/configuration); this tells it when to read them again.
    synchronize: { configurationSection: REFERENCES_SECTION },
    // A function, so a restart after trust is granted sends the new answer.
    initializationOptions: (): ServerInitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    outputChannelName: 'Stowage Image References',
  };
  const client = new LanguageClient('stowage.references', 'Stowage Image References', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('stowage.references.status', vscode.StatusBarAlignment.Right, 10);
  status.name = 'Stowage image reference checking';
  status.command = 'stowage.restartLanguageServer';
  let stopping = false;
  const show = (state: ServerState, detail?: string) => {
    status.text = STATUS_TEXT[state];
    status.tooltip = `Image reference checking: ${state}${detail ? ` (${detail})` : ''}. Click to restart.`;
    status.backgroundColor = state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };
  show('starting');

  const subscriptions: vscode.Disposable[] = [status];
  let disposed = false;
  subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) show('running');
      else if (e.newState === State.Starting) show('starting');
      else show(stopping ? 'stopped' : 'failed', stopping ? undefined : 'the server stopped; see the Stowage Image References output');
    }),
  );

  client.onRequest(EngineImagesRequest, async (): Promise<EngineImagesResult> => {
    if (!vscode.workspace.isTrusted) return { available: false, reason: 'workspace not trusted', images: [] };
    try {
      return await deps.getEngineImages();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      deps.log(`reference checking: engine images unavailable: ${reason}`);
      return { available: false, reason, images: [] };
    }
  });

  const engineChanged = () => {
    if (client.isRunning()) void client.sendNotification(EngineChangedNotification);
  };
  if (deps.onDidChangeImages) subscriptions.push(deps.onDidChangeImages(engineChanged));

  // The extension normally owns `stowage.pullImage`; register a fallback only when it does not.
  void vscode.commands.getCommands(true).then((ids) => {
    if (ids.includes(PULL_IMAGE_COMMAND) || disposed) return;
    subscriptions.push(
      vscode.commands.registerCommand(PULL_IMAGE_COMMAND, async (reference: unknown) => {
        if (typeof reference !== 'string' || !reference) return;
        await deps.pullImage(reference);
        engineChanged();
      }),
    );
  });

  const start = async () => {
    stopping = false;
    show('starting');
    try {
      await client.start();
      deps.log('reference checking: language server running');
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      deps.log(`reference checking: language server failed to start: ${reason}`);
      show('failed', reason);
    }
  };
  const restart = async () => {
    if (client.state !== State.Stopped) {
      stopping = true;
      try {
        await client.stop();
      } catch (err) {
        deps.log(`reference checking: stopping the server: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await start();
  };
  // Trust granted: the server may now ask for engine data, which it learns at initialize.
  subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()));

  void start();
  return {
    restart,
    async dispose() {
      disposed = true;
      stopping = true;
      subscriptions.forEach((s) => s.dispose());
      try {
        await client.dispose();
      } catch {
        // Stopping a server that never started is not worth a message.
      }
    },
  };
}
