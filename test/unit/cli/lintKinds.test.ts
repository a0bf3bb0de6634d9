import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** From out/test/unit/cli back to the repository. */
const ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'lint');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function lint(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'lint', ...args], { cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

interface Json {
  files: number;
  results: Array<{ path: string; kind: string; problems: Array<{ line: number; column: number; severity: string; rule: string; message: string }> }>;
}

function rows(json: Json): string[] {
  return json.results.flatMap((r) => r.problems.map((p) => `${r.path}:${p.line}:${p.column} ${p.severity} ${p.rule}`));
}

test('stowage lint finds every kind of file by its usual names, with exact diagnostics, and nothing in files of no known kind', async () => {
  const { code, stdout } = await lint(['--format', 'json', '.'], FIXTURES);
  assert.equal(code, 1);
  const json = JSON.parse(stdout) as Json;
  assert.deepEqual(rows(json), [
    'action/docker/action.yml:5:19 error invalid',
    'argo/executor-plugin.yaml:10:14 error invalid',
    'argo/executor-plugin.yaml:28:20 error invalid',
    'argo/quoted-continuation.yaml:19:14 error invalid',
    'argo/workflow.yaml:14:16 error invalid',
    'argo/workflow.yaml:38:18 warning untagged',
    'argo/workflow.yaml:52:33 error invalid',
    'azure/azure-pipelines.yml:6:14 error invalid',
    'azure/azure-pipelines.yml:21:16 warning untagged',
    'bitbucket/bitbucket-pipelines.yml:6:14 error invalid',
    'circleci/.circleci/config.yml:10:16 error invalid',
    'compose/compose-dev.yml:3:12 warning untagged',
    'compose/docker-compose.prod.yml:2:15 error invalid',
    'compose/docker-compose.prod.yml:17:19 error invalid',
    'dockerfile/Containerfile.fedora:1:6 warning untagged',
    'dockerfile/api.Dockerfile:1:6 error invalid',
    'drone/.drone.yml:11:12 error invalid',
    'drone/.woodpecker/build.yml:7:12 warning untagged',
    'drone/.woodpecker/named-image.yml:4:12 error invalid',
    'gitlab/.gitlab-ci.yml:6:18 error invalid',
    'gitlab/.gitlab-ci.yml:10:34 error invalid',
    'gitlab/ci/jobs.yml:3:17 error invalid',
    'helm/chart/values.yaml:3:15 error invalid',
    'jenkins/Jenkinsfile:10:37 error invalid',
    'jenkins/Jenkinsfile:18:35 warning untagged',
    'kubernetes/pods.yaml:16:41 error invalid',
    'kubernetes/pods.yaml:28:22 warning untagged',
    'prometheus/prometheus.yaml:14:29 error invalid',
    'prometheus/prometheus.yaml:21:10 warning untagged',
    'tekton/step-action.yaml:7:17 error invalid',
    'tekton/task.yaml:13:14 error invalid',
    'tekton/task.yaml:25:20 warning untagged',
  ]);
  const kinds = Object.fromEntries(json.results.map((r) => [r.path, r.kind]));
  assert.equal(kinds['compose/docker-stack.yml'], 'compose');
  assert.equal(kinds['compose/app-compose.yaml'], 'compose');
  assert.equal(kinds['dockerfile/Dockerfile-alpine'], 'dockerfile');
  assert.equal(kinds['dockerfile/Dockerfile.dockerignore'], undefined);
  // Pulled in by `include: - local: ci/jobs.yml`, named like any YAML file.
  assert.equal(kinds['gitlab/ci/jobs.yml'], 'gitlab-ci');
  assert.equal(kinds['gitlab/ci/release.gitlab-ci.yml'], 'gitlab-ci');
  assert.equal(kinds['action/local/action.yml'], 'github-action');
  assert.equal(kinds['unrecognised/settings.yml'], 'yaml');
  // A value shared through an anchor is reported once, naming the services that use it.
  const compose = json.results.find((r) => r.path === 'compose/docker-compose.prod.yml')!;
  assert.match(compose.problems[0].message, /^'shop\/Base:1\.0' \(used by service api, service admin\): /);
});

test('stowage lint follows symbolic links inside the tree, not out of it, and ends link loops', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-links-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const outside = mkdtempSync(join(tmpdir(), 'stowage-outside-'));
  t.after(() => rmSync(outside, { recursive: true, force: true }));
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'deploy'), { recursive: true });
  writeFileSync(join(tree, 'deploy', 'stack.yml'), 'services:\n  web:\n    image: Nginx:1\n');
  writeFileSync(join(outside, 'compose.yaml'), 'services:\n  web:\n    image: Outside:1\n');
  // A compose file that is a link to a YAML file named otherwise: checked as Compose.
  symlinkSync(join('deploy', 'stack.yml'), join(tree, 'docker-compose.yml'));
  symlinkSync(outside, join(tree, 'elsewhere'));
  symlinkSync('..', join(tree, 'deploy', 'loop'));
  symlinkSync(join(tree, 'missing'), join(tree, 'compose.yaml'));
  const { code, stdout, stderr } = await lint(['.'], tree);
  assert.equal(code, 1);
  assert.deepEqual(stdout.trimEnd().split('\n').map((l) => l.replace(/: error: .*/, '')), ['docker-compose.yml:3:12']);
  // Two names of one file, two kinds: deploy/stack.yml is plain YAML (no Kubernetes object in it), the link is Compose by its name. The loop and the way out are not walked.
  assert.match(stderr, /^2 files checked/m);
});

test('a YAML file nested 3,000 levels deep is read without exhausting the stack; the other files are still checked', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-deep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lines = ['services:', '  web:', '    image: Deep:1', '    x:'];
  for (let i = 0; i < 3000; i++) lines.push(`${' '.repeat(6 + i)}k${i}:`);
  writeFileSync(join(dir, 'compose.yaml'), lines.join('\n') + '\n');
  const seq = ['apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '  - image: Busybox:1', '    args:'];
  for (let i = 0; i < 3000; i++) seq.push(`${' '.repeat(4 + i)}- `);
  writeFileSync(join(dir, 'deep.yaml'), seq.join('\n') + '\n' + ' '.repeat(3004) + 'x\n');
  writeFileSync(join(dir, 'docker-stack.yml'), 'services:\n  db:\n    image: Postgres:16\n');
  const { code, stdout, stderr } = await lint(['.'], dir);
  assert.match(stderr, /^3 files checked: 3 errors/m);
  assert.equal(code, 1);
  assert.deepEqual(stdout.trimEnd().split('\n').map((l) => l.replace(/: error: .*/, '')), ['compose.yaml:3:12', 'deep.yaml:5:12', 'docker-stack.yml:3:12']);
});
