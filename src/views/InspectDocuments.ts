import * as vscode from 'vscode';

/**
 * Inspect output as read-only JSON documents: a content provider's documents
 * cannot be edited or saved over anything.
 */
export class InspectDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'stowage-inspect';
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(kind: 'image' | 'container', name: string, data: unknown): Promise<vscode.TextEditor> {
    const safe = name.replace(/[^A-Za-z0-9_.:@-]+/g, '_');
    const uri = vscode.Uri.from({ scheme: InspectDocuments.scheme, path: `/${kind}/${safe}.json` });
    this.contents.set(uri.toString(), JSON.stringify(data, null, 2) + '\n');
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: true });
  }
}
