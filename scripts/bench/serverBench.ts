/**
 * Reference-checking benchmark: a generated 5,000-line, multi-document Kubernetes
 * manifest with 2,000 image references, validated through ReferenceValidator (the path
 * the language server runs for every didOpen/didChange, minus JSON-RPC):
 *  - full: a fresh validator (nothing cached), text → diagnostics;
 *  - edit: the same open document after a one-character edit applied incrementally,
 *    as the server's incremental text sync does, → diagnostics.
 * Medians after warm-up; a table and one `BENCH {...}` line with the targets.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../src/server/check/ReferenceSettings';
import { extractKubernetes } from '../../src/server/extract/extractKubernetes';
import { ReferenceValidator } from '../../src/server/ReferenceValidator';
import { readYamlWithLibrary } from '../../src/server/yaml/readYamlWithLibrary';
import { splitYamlDocuments } from '../../src/server/yaml/splitYamlDocuments';
import { parseReference } from '../../src/reference';
import { fmt, median, table } from './benchStats';

const LINES = 5000;
const REFERENCES = 2000;
const WARMUP = 30;
const ROUNDS = 101;
const TARGETS = { fullMs: 30, editMs: 5 };

/** A realistic mix: registries, namespaces, digests, a few untagged, latest and invalid ones. */
function reference(i: number): string {
  const digest = 'sha256:' + (i.toString(16).padStart(8, '0') + 'a1b2c3d4e5f60718').repeat(4).slice(0, 64);
  if (i % 97 === 0) return `shop/Service${i}:1.0`; // invalid: uppercase
  if (i % 10 === 1) return `busybox`;
  if (i % 10 === 2) return `nginx:latest`;
  if (i % 7 === 0) return `registry.example.com:5000/team/app${i}:1.${i % 13}@${digest}`;
  if (i % 3 === 0) return `"ghcr.io/org/worker-${i}:v2.${i % 9}.0"`;
  return `registry.example.com/team/app${i % 40}:1.${i % 17}.${i % 5}`;
}

export function generateManifest(): string {
  const lines: string[] = [];
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
  let ref = 0;
  for (let d = 0; ref < REFERENCES; d++) {
    const kind = kinds[d % kinds.length];
    lines.push('---', `# ${kind} number ${d}`, 'apiVersion: apps/v1', `kind: ${kind}`, 'metadata:', `  name: app-${d}`, `  labels: {app: app-${d}, tier: backend}`, 'spec:', '  template:', '    spec:', '      containers:');
    for (let c = 0; c < 25 && ref < REFERENCES; c++, ref++) {
      lines.push(`        - name: c${c}`, `          image: ${reference(ref)}`);
      if (c === 0) lines.push('          imagePullPolicy: IfNotPresent');
    }
  }
  if (lines.length > LINES) throw new Error(`generator made ${lines.length} lines, more than ${LINES}`);
  while (lines.length < LINES) lines.push('# padding');
  return lines.join('\n') + '\n';
}

function timeIt(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function main(): void {
  const text = generateManifest();
  const uri = 'file:///bench/manifest.yaml';
  const lineCount = text.split('\n').length - 1;

  // Full validation: a fresh validator each time, so nothing is reused.
  let diagnostics = 0;
  const full = () => {
    const doc = TextDocument.create(uri, 'yaml', 1, text);
    diagnostics = new ReferenceValidator().validate(doc, DEFAULT_SETTINGS).length;
  };
  const sites = (() => {
    const v = new ReferenceValidator();
    return v.analyze(TextDocument.create(uri, 'yaml', 1, text))!.sites.length;
  })();

  // Re-validation after a one-character edit, in the middle of the file, applied incrementally.
  const validator = new ReferenceValidator();
  let doc = TextDocument.create(uri, 'yaml', 1, text);
  validator.validate(doc, DEFAULT_SETTINGS);
  const editLine = Math.floor(lineCount / 2);
  const editAt = text.split('\n')[editLine].length;
  let inserted = false;
  const edit = () => {
    const at = { line: editLine, character: editAt };
    const change = inserted ? { range: { start: at, end: { line: editLine, character: editAt + 1 } }, text: '' } : { range: { start: at, end: at }, text: 'x' };
    inserted = !inserted;
    doc = TextDocument.update(doc, [change], doc.version + 1);
    validator.validate(doc, DEFAULT_SETTINGS);
  };

  // For reference: the same work with the yaml library reading every document.
  const libraryOnly = () => {
    for (const chunk of splitYamlDocuments(text)) {
      for (const site of extractKubernetes(readYamlWithLibrary(chunk.text, chunk.start))) if (site.role === 'image') parseReference(site.value);
    }
  };

  for (let i = 0; i < WARMUP; i++) {
    full();
    edit();
    libraryOnly();
  }
  const times = { full: [] as number[], edit: [] as number[], libraryOnly: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    times.full.push(timeIt(full));
    times.edit.push(timeIt(edit));
    times.libraryOnly.push(timeIt(libraryOnly));
  }
  const m = { full: median(times.full), edit: median(times.edit), libraryOnly: median(times.libraryOnly) };
  console.log(`Reference checking: ${lineCount} lines, ${sites} references, ${diagnostics} diagnostics; ${WARMUP} warm-up, ${ROUNDS} rounds, medians`);
  console.log(
    table([
      { measure: 'full validation (fresh validator)', median: fmt(m.full), target: `< ${TARGETS.fullMs} ms`, met: m.full < TARGETS.fullMs ? 'yes' : 'NO' },
      { measure: 'one-character edit, re-validation', median: fmt(m.edit), target: `< ${TARGETS.editMs} ms`, met: m.edit < TARGETS.editMs ? 'yes' : 'NO' },
      { measure: 'yaml library for every document (reference)', median: fmt(m.libraryOnly), target: '-', met: '-' },
    ]),
  );
  const result = {
    bench: 'reference-checking',
    lines: lineCount,
    references: sites,
    diagnostics,
    fullMs: m.full,
    editMs: m.edit,
    yamlLibraryFullMs: m.libraryOnly,
    targets: TARGETS,
    met: m.full < TARGETS.fullMs && m.edit < TARGETS.editMs,
  };
  console.log(`BENCH ${JSON.stringify(result)}`);
}

if (require.main === module) main();
