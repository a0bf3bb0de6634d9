import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** From out/test/unit/cli back to the repository. */
const ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');

function lint(args: string[], cwd = WORKSPACE): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'lint', ...args], { cwd }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

test('stowage lint walks the current folder and prints path:line:col: severity: message [rule]; exit 1 on an error', async () => {
  const { code, stdout, stderr } = await lint([]);
  assert.equal(code, 1);
  const lines = stdout.trimEnd().split('\n');
  // Every line has the documented shape.
  for (const l of lines) assert.match(l, /^[^:]+:\d+:\d+: (error|warning|info|hint): .+ \[(invalid|untagged|latestTag|unpinned)\]$/);
  assert.deepEqual(
    lines.map((l) => l.replace(/: (error|warning|info|hint): .* \[/, ': $1 [')),
    [
      '.github/workflows/ci.yml:13:22: info [latestTag]',
      '.github/workflows/ci.yml:19:24: error [invalid]',
      '.gitlab-ci.yml:16:48: info [latestTag]',
      '.gitlab-ci.yml:29:10: warning [untagged]',
      'app/Dockerfile:12:64: error [invalid]',
      'app/Dockerfile:25:19: info [latestTag]',
      'app/Dockerfile.dev:7:3: error [invalid]',
      'compose.yaml:5:12: info [unpinned]',
      'compose.yaml:17:12: warning [untagged]',
      'compose.yaml:21:18: error [invalid]',
      'k8s/app.yaml:21:16: info [unpinned]',
      'k8s/app.yaml:25:18: info [unpinned]',
      'k8s/app.yaml:25:24: info [latestTag]',
      'k8s/app.yaml:29:19: warning [untagged]',
      'k8s/app.yaml:60:12: info [unpinned]',
      'k8s/app.yaml:63:20: error [invalid]',
      'web/.devcontainer.json:1:13: warning [untagged]',
    ],
  );
  assert.ok(lines.includes("compose.yaml:21:18: error: 'shop/Worker:1.0': uppercase letter in repository name ('W' in 'Worker') [invalid]"), stdout);
  assert.ok(lines.includes("compose.yaml:17:12: warning: 'redis' has no tag, so it means 'redis:latest': whatever that is when it is pulled. [untagged]"), stdout);
  assert.match(stderr, /^10 files checked: 5 errors, 4 warnings, 8 info, 0 hints$/m);
});

test('stowage lint --format json: every problem with its range, rule and reference', async () => {
  const { code, stdout } = await lint(['--format', 'json', 'compose.yaml', 'tools']);
  assert.equal(code, 1);
  const out = JSON.parse(stdout) as { files: number; errors: number; warnings: number; results: Array<{ path: string; kind: string; problems: Array<Record<string, unknown>> }> };
  assert.equal(out.files, 2);
  assert.equal(out.errors, 1);
  assert.equal(out.warnings, 1);
  assert.deepEqual(
    out.results.map((r) => [r.path, r.kind, r.problems.length]),
    [
      // api's image names what its build makes: no pull rule applies to it.
      ['compose.yaml', 'compose', 3],
      ['tools/docker-compose.override.yml', 'compose', 0],
    ],
  );
  assert.deepEqual(out.results[0].problems[2], {
    line: 21,
    column: 18,
    endLine: 21,
    endColumn: 24,
    severity: 'error',
    message: "'shop/Worker:1.0': uppercase letter in repository name ('W' in 'Worker')",
    rule: 'invalid',
    code: 'uppercase',
    reference: 'shop/Worker:1.0',
  });
});

test('stowage lint skips node_modules and .git, honours --rule, exits 0 without errors and 2 on bad usage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-lint-'));
  try {
    for (const skipped of ['node_modules/pkg', '.git/hooks']) {
      mkdirSync(join(dir, skipped), { recursive: true });
      writeFileSync(join(dir, skipped, 'Dockerfile'), 'FROM Bad/Ref:1\n');
    }
    mkdirSync(join(dir, 'svc'));
    writeFileSync(join(dir, 'svc', 'Containerfile'), 'FROM alpine\n');
    writeFileSync(join(dir, 'notes.txt'), 'FROM Bad/Ref:1\n');
    const warned = await lint([], dir);
    assert.equal(warned.code, 0);
    assert.equal(warned.stdout, "svc/Containerfile:1:6: warning: 'alpine' has no tag, so it means 'alpine:latest': whatever that is when it is pulled. [untagged]\n");
    const quiet = await lint(['--rule', 'untagged=off', '.'], dir);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stdout, '');
    assert.match(quiet.stderr, /^1 file checked: 0 errors/m);
    assert.equal((await lint(['--format', 'xml'], dir)).code, 2);
    assert.equal((await lint(['--rule', 'loud=warning'], dir)).code, 2);
    assert.equal((await lint(['no-such-path'], dir)).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
