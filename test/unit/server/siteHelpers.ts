import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer, type DocumentAnalysis } from '../../../src/server/analyzeDocument';
import { checkReferences } from '../../../src/server/check/checkReferences';
import { DEFAULT_SETTINGS, type ReferenceSettings } from '../../../src/server/check/ReferenceSettings';
import { classifyFile } from '../../../src/server/fileKind';

/** The fixture workspace, from the compiled test (out/test/unit/server) back to the sources. */
export const WORKSPACE = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace');

export function fixture(rel: string): string {
  return readFileSync(join(WORKSPACE, rel), 'utf8');
}

/** `line:col-line:col`, 1-based like an editor's status bar, for readable range assertions. */
export function rangeText(text: string, start: number, end: number): string {
  const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
  const a = doc.positionAt(start);
  const b = doc.positionAt(end);
  return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
}

export function analyzeFixture(rel: string): { text: string; analysis: DocumentAnalysis } {
  const text = fixture(rel);
  const kind = classifyFile(rel);
  if (!kind) throw new Error(`${rel} is no file kind the checker reads`);
  return { text, analysis: new DocumentAnalyzer(kind).analyze(text) };
}

/** Each site as `role value @range "written text"`. */
export function describeSites(text: string, analysis: DocumentAnalysis): string[] {
  return analysis.sites.map(({ site }) => `${site.role} ${site.value} @${rangeText(text, site.start, site.end)} ${JSON.stringify(text.slice(site.start, site.end))}`);
}

/** Each finding as `severity rule @range "text under it"`. */
export function describeFindings(text: string, analysis: DocumentAnalysis, settings: ReferenceSettings = DEFAULT_SETTINGS): string[] {
  return checkReferences(analysis, settings).map((f) => `${f.severity} ${f.rule} @${rangeText(text, f.start, f.end)} ${JSON.stringify(text.slice(f.start, f.end))}`);
}
