import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** From out/test/unit/cli back to the repository. */
const ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'lint-dockerfile');

function lint(args: string[], cwd = FIXTURES): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'lint', ...args], { cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

interface JsonReport {
  files: number;
  failed: number;
  errors: number;
  results: Array<{ path: string; error?: string; problems: Array<{ line: number; column: number; endLine: number; endColumn: number; severity: string; rule: string; reference: string }> }>;
}

test('stowage lint over the Dockerfile fixtures: templates, BuildKit substitutions, heredocs, ONBUILD, bounded ARGs, BOM and UTF-16 columns', async () => {
  const { code, stdout, stderr } = await lint(['--format', 'json']);
  assert.equal(code, 1, stderr);
  const report = JSON.parse(stdout) as JsonReport;
  const found = report.results.flatMap((r) => r.problems.map((p) => `${r.path}:${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.severity} ${p.rule} ${p.reference}`));
  assert.deepEqual(found, [
    // Thirty doubling ARGs: $a29 is not built (it is left unchecked), and the file goes on being read.
    'bounded/Dockerfile:34:6-34:13 error invalid Busybox:1.36',
    // The byte order mark is no column; the emoji before Debian counts two UTF-16 units.
    'columns/Dockerfile:1:6-1:12 error invalid Alpine:3.19',
    'columns/Dockerfile:2:20-2:26 error invalid Debian:12',
    'control/Dockerfile:1:14-1:28 error invalid busybox:\u001b[2J\u001b]0;PWNED\u0007',
    // RUN --mount from= reads the stage's ENV (which wins over an ARG of the same name) and ARGs;
    // COPY --from=$VAR is never expanded (BuildKit stops the build), so it is left unchecked.
    'copy-from-env/Dockerfile:9:18-9:26 error invalid Tools:2',
    'copy-from-env/Dockerfile:11:18-11:22 error invalid Bad:1',
    // "a<<b" opens no heredoc; <<EOF, <<-"EOT", <<'END', <<A <<B do, and their bodies are skipped; cat<<X does not.
    'heredocs/Dockerfile:3:6-3:12 error invalid Quoted:1',
    'heredocs/Dockerfile:18:6-18:11 error invalid After:1',
    // ONBUILD COPY --from names an image; the ONBUILD RUN heredoc body is skipped.
    'onbuild/Dockerfile:3:21-3:26 error invalid Tools:1',
    // ${EMPTY-Alpine}: EMPTY is set (to nothing), so only :3 is left.
    'substitutions/Dockerfile:10:6-10:23 error invalid :3',
    // ${FULL%%:*} trims the longest ':*' suffix.
    'substitutions/Dockerfile:13:6-13:17 warning untagged docker.io/library/debian',
    'substitutions/Dockerfile:15:6-15:24 error invalid Badname:1',
    'substitutions/Dockerfile:22:6-22:23 error invalid Alpine:3',
    // Only the line after the template expressions is a reference.
    'templates/Dockerfile.template:8:6-8:12 error invalid Ubuntu:22.04',
  ]);
  assert.equal(report.failed, 0);
});

test('stowage lint text output: control characters from a file never reach the terminal', async () => {
  const { code, stdout } = await lint(['control']);
  assert.equal(code, 1);
  assert.doesNotMatch(stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.equal(stdout, "control/Dockerfile:1:14: error: 'busybox:\u00b7[2J\u00b7]0;PWNED\u00b7': control character U+001B is not allowed in the tag [invalid]\n");
});

test('stowage lint: one file the checker fails on is reported for that file, the others are still checked, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-lint-'));
  try {
    // 3,000 block levels: the reader either copes or fails on this file alone.
    let deep = 'services:\n  web:\n    image: nginx:1.27\n    x-deep:\n';
    for (let i = 0; i < 3000; i++) deep += `${'  '.repeat(i + 3)}k:\n`;
    writeFileSync(join(dir, 'compose.yaml'), deep);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM Alpine:3.19\n');
    const doubling = ['ARG a0=x', ...Array.from({ length: 29 }, (_, i) => `ARG a${i + 1}=\${a${i}}\${a${i}}`), 'FROM busybox:$a29', ''].join('\n');
    writeFileSync(join(dir, 'Dockerfile.doubling'), doubling);

    const { code, stdout, stderr } = await lint(['--format', 'json'], dir);
    const report = JSON.parse(stdout) as JsonReport;
    assert.deepEqual(report.results.map((r) => r.path).sort(), ['Dockerfile', 'Dockerfile.doubling', 'compose.yaml']);
    assert.deepEqual(report.results.find((r) => r.path === 'Dockerfile')!.problems.map((p) => `${p.line}:${p.column} ${p.rule}`), ['1:6 invalid']);
    assert.deepEqual(report.results.find((r) => r.path === 'Dockerfile.doubling')!.problems, []);
    // The documented contract: 2 when a file could not be checked (and said so, per file), else 1 for an error.
    const failed = report.results.filter((r) => r.error);
    assert.equal(report.failed, failed.length);
    for (const f of failed) assert.match(stderr, new RegExp(`stowage lint: ${f.path}: internal error: `));
    assert.equal(code, failed.length ? 2 : 1, stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stowage lint --help documents the exit codes and how columns are counted', async () => {
  const { code, stdout } = await lint(['--help']);
  assert.equal(code, 0);
  assert.match(stdout, /0 {2}no reference is invalid/);
  assert.match(stdout, /1 {2}at least one reference is invalid/);
  assert.match(stdout, /2 {2}bad usage, a path that does not exist, or a file that could not be\s+checked/);
  assert.match(stdout, /column counts UTF-16 code units/);
});
