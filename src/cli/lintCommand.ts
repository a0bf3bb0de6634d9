import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_SETTINGS, isRuleLevel, RULE_NAMES, type ReferenceSettings, type RuleName } from '../server/check/ReferenceSettings';
import { collectLintFiles, type LintFile } from '../server/lint/collectLintFiles';
import { lintText, type LintProblem } from '../server/lint/lintText';
import { printable } from './printable';

const USAGE = `Usage: stowage lint [--format text|json] [--rule NAME=LEVEL]... [PATH...]

Checks image references in Dockerfiles, Compose files, Kubernetes manifests,
devcontainer.json, GitHub Actions workflows and .gitlab-ci.yml: the same checks
as the editor. PATH defaults to the current folder, walked recursively
(node_modules and .git are skipped).

  --format text   path:line:col: severity: message [rule]  (default)
  --format json   one JSON document with every problem
  --rule NAME=LEVEL   ${RULE_NAMES.join(', ')}: off, hint, info or warning

Lines and columns count from 1; a column counts UTF-16 code units, as LSP
and VS Code do (a character beyond U+FFFF, such as an emoji, counts two; a
byte order mark is not counted), in text and JSON output alike. Control
characters from files are shown as visible marks, never sent to the terminal.

Exit status:
  0  no reference is invalid (warnings, info and hints may have been printed)
  1  at least one reference is invalid
  2  bad usage, a path that does not exist, or a file that could not be
     checked (an internal error: reported for that file, the others are
     still checked)
`;

/** `stowage lint`: the language server's checks over files on disk, no editor needed. */
export async function runLint(args: string[]): Promise<number> {
  let format: 'text' | 'json' = 'text';
  const rules: Record<RuleName, ReferenceSettings['rules'][RuleName]> = { ...DEFAULT_SETTINGS.rules };
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string): string | undefined => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      return args[++i];
    };
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      return 0;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const v = value('--format');
      if (v !== 'text' && v !== 'json') return usage(`--format must be text or json, not ${v === undefined ? 'nothing' : `'${v}'`}`);
      format = v;
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const m = /^([A-Za-z]+)=(\w+)$/.exec(value('--rule') ?? '');
      if (!m || !(RULE_NAMES as readonly string[]).includes(m[1]) || !isRuleLevel(m[2])) {
        return usage(`--rule takes NAME=LEVEL with NAME one of ${RULE_NAMES.join(', ')} and LEVEL off, hint, info or warning`);
      }
      rules[m[1] as RuleName] = m[2];
    } else if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usage(`unknown option '${arg}'`);
    } else {
      paths.push(arg);
    }
  }
  const settings: ReferenceSettings = { enable: true, rules };
  const files: LintFile[] = [];
  let failed = 0;
  for (const p of paths.length ? paths : ['.']) {
    try {
      statSync(p);
    } catch {
      process.stderr.write(`stowage lint: ${p}: no such file or folder\n`);
      return 2;
    }
    try {
      files.push(...collectLintFiles(p));
    } catch (err) {
      failed++;
      process.stderr.write(printable(`stowage lint: ${p}: could not list files: ${(err as Error).message}`) + '\n');
    }
  }

  const results: Array<{ path: string; kind: string; problems: LintProblem[]; error?: string }> = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f.path, 'utf8');
    } catch (err) {
      failed++;
      process.stderr.write(printable(`stowage lint: ${f.path}: ${(err as Error).message}`) + '\n');
      continue;
    }
    try {
      results.push({ path: shown(f.path), kind: f.kind, problems: lintText(text, f.kind, settings) });
    } catch (err) {
      // One file the checker cannot handle costs that file's result, not the run's.
      failed++;
      const message = `internal error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
      results.push({ path: shown(f.path), kind: f.kind, problems: [], error: message });
      process.stderr.write(printable(`stowage lint: ${shown(f.path)}: ${message}`) + '\n');
    }
  }

  const count = (s: string) => results.reduce((n, r) => n + r.problems.filter((p) => p.severity === s).length, 0);
  const summary = { files: results.length, failed, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') };
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ ...summary, results }, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    for (const r of results) {
      for (const p of r.problems) lines.push(printable(`${r.path}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.rule}]`));
    }
    if (lines.length) process.stdout.write(lines.join('\n') + '\n');
    process.stderr.write(
      `${summary.files} file${summary.files === 1 ? '' : 's'} checked: ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.infos} info, ${summary.hints} hint${summary.hints === 1 ? '' : 's'}${failed ? `; ${failed} file${failed === 1 ? '' : 's'} could not be checked` : ''}\n`,
    );
  }
  if (failed > 0) return 2;
  return summary.errors > 0 ? 1 : 0;
}

function usage(message: string): number {
  process.stderr.write(`stowage lint: ${message}\n\n${USAGE}`);
  return 2;
}

/** Paths under the current folder are shown relative to it, others as given. */
function shown(path: string): string {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}
