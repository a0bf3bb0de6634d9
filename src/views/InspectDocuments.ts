import * as vscode from 'vscode';
import { engineModule } from '../engineModule';
import { inspectDocumentText, type InspectSnapshot } from '../model/inspectDocumentText';
import type { ChangeKind, EngineSession } from '../session/EngineSession';

type Kind = InspectSnapshot['kind'];

/** Documents remembered beyond those open. */
const MAX_KEPT = 50;

/**
 * Inspect output as read-only documents (a content provider's documents cannot be
 * edited or saved over anything). Each says when the engine was asked, and is asked
 * again whenever the engine reports a change of its kind (the session follows the
 * event stream) or the user presses Refresh; a removed object is said to be gone.
 */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'stowage-inspect';
  private readonly shown = new Map<string, InspectSnapshot>();
  /** The engine each document was read from (a pinned engine's rows are read from it, not the main one). */
  private readonly sources = new Map<string, EngineSession>();
  /** Sessions whose changes re-read their documents (the main one, and each pinned one shown from). */
  private readonly followed = new Set<EngineSession>();
  /** Refreshes running now, and whether another was asked for meanwhile. */
  private readonly running = new Map<string, { again: boolean }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly session: EngineSession) {
    this.follow(session);
  }

  private follow(session: EngineSession): void {
    if (this.followed.has(session)) return;
    this.followed.add(session);
    this.disposables.push(session.onDidChange((kinds) => this.refreshKinds(kinds, session)));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const s = this.shown.get(uri.toString());
    return s ? inspectDocumentText(s) : '// Nothing to show: inspect the image or container again.\n';
  }

  /** Shows what `session`'s engine said of an object (a pinned engine's documents are named after it, so the same name on two engines is two documents). */
  async show(kind: Kind, id: string, name: string, data: unknown, session: EngineSession = this.session): Promise<vscode.TextEditor> {
    const safe = (s: string) => s.replace(/[^A-Za-z0-9_.:@-]+/g, '_');
    const where = session.pinned && session !== this.session ? `/${safe(session.pinned.name)}` : '';
    const uri = vscode.Uri.from({ scheme: InspectDocuments.scheme, path: `${where}/${kind}/${safe(name)}.json` });
    this.shown.set(uri.toString(), { kind, id, name, data, takenAt: new Date() });
    this.sources.set(uri.toString(), session);
    this.follow(session);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  /** Reads the document's object from the engine again (the editor title's Refresh). */
  async refresh(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (!this.shown.has(key)) return;
    const busy = this.running.get(key);
    if (busy) {
      busy.again = true;
      return;
    }
    const run = { again: true };
    this.running.set(key, run);
    try {
      while (run.again) {
        run.again = false;
        await this.readAgain(uri);
      }
    } finally {
      this.running.delete(key);
    }
  }

  /**
   * Reads again the documents of those kinds that are open. Entries of closed ones are
   * kept (a closed editor can be reopened) up to a bound: not dropped on close, since
   * setting the document's language closes and reopens it.
   */
  private refreshKinds(kinds: ReadonlySet<ChangeKind>, session: EngineSession): void {
    const open = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === InspectDocuments.scheme).map((d) => d.uri.toString()));
    for (const [key, s] of this.shown) {
      if (open.has(key) && this.sourceOf(key) === session && kinds.has(s.kind === 'image' ? 'images' : 'containers')) void this.refresh(vscode.Uri.parse(key));
    }
    for (const key of this.shown.keys()) {
      if (this.shown.size <= MAX_KEPT) break;
      if (!open.has(key)) {
        this.shown.delete(key);
        this.sources.delete(key);
      }
    }
  }

  private async readAgain(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const before = this.shown.get(key);
    if (!before || before.goneAt) return;
    let next: InspectSnapshot;
    try {
      const engine = this.sourceOf(key).engine();
      const data = before.kind === 'image' ? await engineModule().inspectImage(engine, before.id) : await engineModule().inspectContainer(engine, before.id);
      next = { ...before, data, takenAt: new Date(), staleReason: undefined };
    } catch (err) {
      const notFound = (err as { kind?: string }).kind === 'notFound';
      next = notFound ? { ...before, goneAt: new Date(), staleReason: undefined } : { ...before, staleReason: { at: new Date(), message: (err as Error).message } };
    }
    // Closed while the engine answered: nothing to update.
    if (!this.shown.has(key)) return;
    this.shown.set(key, next);
    this.changed.fire(uri);
  }

  private sourceOf(key: string): EngineSession {
    return this.sources.get(key) ?? this.session;
  }

  dispose(): void {
    this.changed.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
