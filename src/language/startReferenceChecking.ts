import * as path from 'path';
import * as vscode from 'vscode';
import { REFERENCE_DOCUMENT_SELECTOR } from './documentSelector';
import type { ReferenceClient, startLanguageClient } from './languageClientMain';
import type { ReferenceCheckingDeps } from './ReferenceCheckingDeps';

export type { ReferenceCheckingDeps } from './ReferenceCheckingDeps';
export type { EngineImagesResult } from '../shared/protocol';

export const RESTART_COMMAND = 'stowage.restartLanguageServer';

/**
 * Reference checking, as cheap as possible until it is needed: this only watches for a
 * document the checker reads (and looks at those already open). The language client
 * (vscode-languageclient, its own bundle dist/languageClient.js) is required, and the
 * server process started, when the first such document shows up. The path is computed
 * so esbuild leaves the require alone and the extension bundle stays small.
 */
export function startReferenceChecking(context: vscode.ExtensionContext, deps: ReferenceCheckingDeps): vscode.Disposable {
  let client: ReferenceClient | undefined;
  const enabled = () => vscode.workspace.getConfiguration('stowage.references').get<boolean>('enable', true);
  const load = (): ReferenceClient => {
    if (!client) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(__dirname, 'languageClient.js')) as { startLanguageClient: typeof startLanguageClient };
      client = mod.startLanguageClient(context, deps);
    }
    return client;
  };
  const consider = (doc: vscode.TextDocument) => {
    if (!client && enabled() && vscode.languages.match(REFERENCE_DOCUMENT_SELECTOR, doc) > 0) load();
  };
  const stop = () => {
    const c = client;
    client = undefined;
    return c?.dispose();
  };

  const subscriptions: vscode.Disposable[] = [
    vscode.workspace.onDidOpenTextDocument(consider),
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      if (!enabled()) {
        void vscode.window.showInformationMessage('Image reference checking is off (setting stowage.references.enable).');
        return;
      }
      if (client) await client.restart();
      else load();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('stowage.references.enable')) return;
      if (!enabled()) void stop();
      else vscode.workspace.textDocuments.forEach(consider);
    }),
  ];
  vscode.workspace.textDocuments.forEach(consider);
  return new vscode.Disposable(() => {
    subscriptions.forEach((s) => s.dispose());
    void stop();
  });
}
