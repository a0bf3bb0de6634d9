import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../analyzeDocument';
import { checkReferences } from '../check/checkReferences';
import type { FindingSeverity } from '../check/Finding';
import type { ReferenceSettings } from '../check/ReferenceSettings';
import type { FileKind } from '../fileKind';

/** One problem as the CLI reports it: 1-based line and column, like compilers print them. */
export interface LintProblem {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly rule: string;
  /** The grammar's error code, for `invalid`. */
  readonly code?: string;
  /** The reference as read (after substitution). */
  readonly reference: string;
}

/**
 * The same checks the language server makes, on one file's text, with no LSP around them.
 * Columns count UTF-16 code units from 1, as LSP positions and VS Code do (a character
 * outside the Basic Multilingual Plane counts two); a UTF-8 byte order mark is not text
 * (editors hide it), so it is dropped before counting.
 */
export function lintText(fileText: string, kind: FileKind, settings: ReferenceSettings): LintProblem[] {
  const text = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
  const analysis = new DocumentAnalyzer(kind).analyze(text);
  const doc = TextDocument.create('file:///lint', 'plaintext', 1, text);
  // In file order, as a reader goes down the file (the checker lists them site by site).
  const findings = checkReferences(analysis, settings).sort((x, y) => x.start - y.start || x.end - y.end);
  return findings.map((f) => {
    const a = doc.positionAt(f.start);
    const b = doc.positionAt(f.end);
    return {
      line: a.line + 1,
      column: a.character + 1,
      endLine: b.line + 1,
      endColumn: b.character + 1,
      severity: f.severity,
      message: f.message,
      rule: f.rule,
      code: f.code,
      reference: analysis.sites[f.site].site.value,
    };
  });
}
