import * as vscode from 'vscode';

/**
 * A remote tag's manifest and config as read-only documents (a content
 * provider's documents cannot be edited or saved over anything). The first
 * line says what was read and when; nothing here holds a credential.
 */
export class RemoteDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'stowage-remote';
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// Nothing to show: inspect the remote tag again.\n';
  }

  async show(reference: string, data: unknown): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: RemoteDocuments.scheme, path: `/${reference.replace(/[^A-Za-z0-9_.:@-]+/g, '_')}.json` });
    this.texts.set(uri.toString(), `// ${reference}, as the registry answered at ${new Date().toISOString()}\n${JSON.stringify(data, null, 2)}\n`);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  /** Plain text under `name` (a comparison), read-only like the JSON documents. */
  async showText(name: string, text: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: RemoteDocuments.scheme, path: `/${name.replace(/[^A-Za-z0-9_.:@-]+/g, '_')}.txt` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
