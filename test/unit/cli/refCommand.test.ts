/**
 * `stowage ref` as a user runs it: the bundled dist/cli.js in a child process,
 * arguments as an argv array (no shell). `npm test` bundles before testing.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repoRoot';


const root = repoRoot();
const cli = join(root, 'dist', 'cli.js');
const HEX64 = 'e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function stowage(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

function lines(stdout: string): Array<Record<string, unknown>> {
  return stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

before(() => {
  assert.ok(existsSync(cli), `${cli} is missing: run 'node esbuild.mjs' first`);
});

test('--json, normalized by default: one object per reference, in order', async () => {
  const r = await stowage('ref', '--json', 'ubuntu:22.04', `localhost:5000/team/app:v1@sha256:${HEX64}`);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.deepEqual(lines(r.stdout), [
    { input: 'ubuntu:22.04', valid: true, domain: 'docker.io', path: 'library/ubuntu', tag: '22.04', digest: null, familiar: 'ubuntu:22.04', fullName: 'docker.io/library/ubuntu' },
    {
      input: `localhost:5000/team/app:v1@sha256:${HEX64}`,
      valid: true,
      domain: 'localhost:5000',
      path: 'team/app',
      tag: 'v1',
      digest: `sha256:${HEX64}`,
      familiar: `localhost:5000/team/app:v1@sha256:${HEX64}`,
      fullName: 'localhost:5000/team/app',
    },
  ]);
});

test('--json: an invalid reference has null parts and the error with its span; exit 1', async () => {
  const r = await stowage('ref', '--json', 'busybox', 'docker/Docker', 'app:');
  assert.equal(r.code, 1);
  const [ok, upper, tag] = lines(r.stdout);
  assert.equal(ok.valid, true);
  assert.equal('error' in ok, false);
  assert.deepEqual(upper, {
    input: 'docker/Docker',
    valid: false,
    domain: null,
    path: null,
    tag: null,
    digest: null,
    familiar: null,
    fullName: null,
    error: { message: 'uppercase letter in repository name', start: 7, end: 8 },
  });
  assert.deepEqual(tag.error, { message: "tag is missing after ':'", start: 3, end: 4 });
});

test('--strict reads as written and leaves out familiar and fullName', async () => {
  const r = await stowage('ref', '--strict', '--json', 'docker/whalesay', 'ubuntu', 'Bad');
  assert.equal(r.code, 1);
  const [whalesay, ubuntu, bad] = lines(r.stdout);
  assert.deepEqual(whalesay, { input: 'docker/whalesay', valid: true, domain: 'docker', path: 'whalesay', tag: null, digest: null });
  assert.deepEqual(ubuntu, { input: 'ubuntu', valid: true, domain: null, path: 'ubuntu', tag: null, digest: null });
  assert.deepEqual(Object.keys(bad), ['input', 'valid', 'domain', 'path', 'tag', 'digest', 'error']);
});

test('-- ends the options, so a reference may start with -', async () => {
  const r = await stowage('ref', '--json', '--', '-docker', '--json');
  assert.equal(r.code, 1);
  const [dash, literal] = lines(r.stdout);
  assert.deepEqual(dash.error, { message: 'path component must start with a lowercase letter or digit', start: 0, end: 1 });
  assert.equal(literal.input, '--json');
});

test('spans are UTF-16 offsets and odd input survives the round trip', async () => {
  const inputs = ['caf\u00e9', 'app\u{1f600}:1', ' ubuntu', '${REGISTRY}/app', 'a\tb'];
  const r = await stowage('ref', '--json', '--', ...inputs);
  const results = lines(r.stdout);
  assert.deepEqual(results.map((x) => x.input), inputs);
  assert.deepEqual(results.map((x) => x.error), [
    { message: "'\u00e9' is not allowed in the repository name", start: 3, end: 4 },
    { message: "'\u{1f600}' is not allowed in the repository name", start: 3, end: 5 },
    { message: 'leading whitespace before the reference', start: 0, end: 1 },
    { message: '${REGISTRY} is a variable, not part of an image reference', start: 0, end: 11 },
    { message: 'whitespace inside the repository name', start: 1, end: 2 },
  ]);
});

test('without --json: the parts, or the error with a caret under its span', async () => {
  const valid = await stowage('ref', 'ubuntu:22.04');
  assert.equal(valid.code, 0);
  assert.match(valid.stdout, /^ubuntu:22\.04\n {2}domain {4}docker\.io\n {2}path {6}library\/ubuntu\n {2}tag {7}22\.04\n {2}digest {4}-\n/);
  assert.match(valid.stdout, /familiar {2}ubuntu:22\.04\n$/);
  const invalid = await stowage('ref', 'docker/Docker');
  assert.equal(invalid.code, 1);
  assert.equal(invalid.stdout, 'docker/Docker: uppercase letter in repository name\n  docker/Docker\n         ^\n');
  const digest = await stowage('ref', `app@sha256:${HEX64.slice(1)}`);
  const [, shown, marks] = digest.stdout.split('\n');
  assert.equal(shown.indexOf(HEX64.slice(1)), marks.indexOf('^'));
  assert.equal(marks.trim().length, 63);
});

test('a long reference is answered, with its error span', async () => {
  // Linux caps one argument at 128 KiB, so the 1 MB cases live in linearity.test.ts.
  const long = 'a'.repeat(100_000);
  const r = await stowage('ref', '--json', `${long}:tag`);
  assert.equal(r.code, 1);
  const [result] = lines(r.stdout);
  assert.deepEqual(result.error, { message: 'repository name longer than 255 characters (found 100008, counting the implied library/)', start: 0, end: 100_000 });
});

test('--help prints the usage and exits 0; bad usage prints it to stderr and exits 2', async () => {
  const help = await stowage('ref', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: stowage ref \[--strict\] \[--json\] \[--\] REFERENCE\.\.\./);
  for (const args of [['ref'], ['ref', '--json'], ['ref', '--nope', 'ubuntu'], ['nope'], []]) {
    const r = await stowage(...args);
    assert.equal(r.code, 2, `stowage ${args.join(' ')}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Usage: stowage/);
  }
  const top = await stowage('--help');
  assert.equal(top.code, 0);
  assert.match(top.stdout, /ref +check image references/);
});

test('lint is dispatched to its own command', async () => {
  const r = await stowage('lint', '--help');
  assert.doesNotMatch(r.stderr, /unknown command/);
});
