import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer, type DocumentAnalysis } from './analyzeDocument';
import { checkReferences } from './check/checkReferences';
import type { Finding, FindingSeverity } from './check/Finding';
import type { ReferenceSettings } from './check/ReferenceSettings';
import { classifyFile, type FileKind } from './fileKind';

const SEVERITY: Record<FindingSeverity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

/** The last analysis of one open document. */
interface DocumentState {
  readonly analyzer: DocumentAnalyzer;
  version: number;
  analysis?: DocumentAnalysis;
}

/**
 * Analysis and diagnostics for open documents, with no LSP connection: the server
 * drives it, and the benchmark measures exactly this path. Keeps one incremental
 * analyzer per document, so an edit re-reads only the YAML documents it touched.
 */
export class ReferenceValidator {
  private readonly states = new Map<string, DocumentState>();

  /** The file kind of a document, or undefined when it is not one the checker reads. */
  kindOf(doc: TextDocument): FileKind | undefined {
    return classifyFile(pathOfUri(doc.uri), doc.languageId);
  }

  /** The analysis of the document's current version (cached per version). */
  analyze(doc: TextDocument): DocumentAnalysis | undefined {
    let state = this.states.get(doc.uri);
    if (!state) {
      const kind = this.kindOf(doc);
      if (!kind) return undefined;
      state = { analyzer: new DocumentAnalyzer(kind), version: -1 };
      this.states.set(doc.uri, state);
    }
    if (state.version !== doc.version || !state.analysis) {
      state.analysis = state.analyzer.analyze(doc.getText());
      state.version = doc.version;
    }
    return state.analysis;
  }

  /** Diagnostics for the document's current version. */
  validate(doc: TextDocument, settings: ReferenceSettings): Diagnostic[] {
    const analysis = this.analyze(doc);
    if (!analysis) return [];
    return checkReferences(analysis, settings).map((f) => toDiagnostic(doc, f));
  }

  forget(uri: string): void {
    this.states.delete(uri);
  }
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    severity: SEVERITY[f.severity],
    source: 'stowage',
    code: f.rule,
    message: f.message,
    data: { site: f.site, grammarCode: f.code },
  };
}

/** The path part of a document URI (`file:///a/b/Dockerfile` → `/a/b/Dockerfile`); other schemes keep their path too. */
export function pathOfUri(uri: string): string {
  const m = /^[a-zA-Z][\w+.-]*:(?:\/\/[^/]*)?([^?#]*)/.exec(uri);
  const raw = m ? m[1] : uri;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
