import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalyzer } from '../../../src/server/analyzeDocument';
import { checkReferences } from '../../../src/server/check/checkReferences';
import { DEFAULT_SETTINGS, toReferenceSettings } from '../../../src/server/check/ReferenceSettings';
import { classifyFile } from '../../../src/server/fileKind';
import { analyzeFixture, describeFindings, fixture } from './siteHelpers';

test('classifyFile recognises every kind by path', () => {
  const cases: Array<[string, string | undefined]> = [
    ['/w/Dockerfile', 'dockerfile'],
    ['/w/api.Dockerfile', 'dockerfile'],
    ['/w/Dockerfile.prod', 'dockerfile'],
    ['/w/Containerfile', 'dockerfile'],
    ['/w/compose.yaml', 'compose'],
    ['/w/compose.prod.yml', 'compose'],
    ['/w/docker-compose.yml', 'compose'],
    ['/w/docker-compose-dev.yaml', 'compose'],
    ['/w/.devcontainer/devcontainer.json', 'devcontainer'],
    ['/w/.devcontainer/python/devcontainer.json', 'devcontainer'],
    ['/w/.devcontainer.json', 'devcontainer'],
    ['/w/devcontainer.json', undefined],
    ['/w/.github/workflows/ci.yaml', 'github-workflow'],
    ['/w/.gitlab-ci.yml', 'gitlab-ci'],
    ['/w/deploy/app.yaml', 'yaml'],
    ['C:\\w\\k8s\\app.yml', 'yaml'],
    ['/w/compose-dev.yml', 'compose'],
    ['/w/app-compose.yaml', 'compose'],
    ['/w/docker-compose.override.yml', 'compose'],
    ['/w/docker-stack.yml', 'compose'],
    ['/w/ci/build.gitlab-ci.yml', 'gitlab-ci'],
    ['/w/Dockerfile-alpine', 'dockerfile'],
    ['/w/Containerfile.fedora', 'dockerfile'],
    ['/w/Dockerfile.dockerignore', undefined],
    ['/w/action.yml', 'github-action'],
    ['/w/.github/actions/build/action.yaml', 'github-action'],
    ['/w/chart/values.yaml', 'helm-values'],
    ['/w/chart/values-prod.yaml', 'helm-values'],
    ['/w/.circleci/config.yml', 'circleci'],
    ['/w/bitbucket-pipelines.yml', 'bitbucket-pipelines'],
    ['/w/azure-pipelines.yml', 'azure-pipelines'],
    ['/w/.drone.yml', 'drone'],
    ['/w/.woodpecker.yml', 'drone'],
    ['/w/.woodpecker/build.yaml', 'drone'],
    ['/w/Jenkinsfile', 'jenkinsfile'],
    ['/w/ci/Jenkinsfile.release', 'jenkinsfile'],
    ['/w/package.json', undefined],
    ['/w/README.md', undefined],
  ];
  for (const [path, kind] of cases) assert.equal(classifyFile(path), kind, path);
  assert.equal(classifyFile('Untitled-1', 'dockerfile'), 'dockerfile');
});

test('rules follow the settings: off silences, levels change severity, bad values fall back to defaults', () => {
  const { text, analysis } = analyzeFixture('k8s/app.yaml');
  const settings = toReferenceSettings({ rules: { untagged: 'hint', latestTag: 'warning', unpinned: 'off' } });
  assert.deepEqual(describeFindings(text, analysis, settings), ['warning latestTag @25:24-25:30 "latest"', 'hint untagged @29:19-29:26 "busybox"', 'error invalid @63:20-63:27 "BusyBox"']);
  assert.deepEqual(describeFindings(text, analysis, toReferenceSettings({ enable: false })), []);
  assert.deepEqual(toReferenceSettings({ rules: { untagged: 'loud' } }), DEFAULT_SETTINGS);
  assert.deepEqual(toReferenceSettings(null), DEFAULT_SETTINGS);
});

test('an edit re-reads only the YAML document it touched; the others are reused as they were', () => {
  const text = fixture('k8s/app.yaml');
  const analyzer = new DocumentAnalyzer('yaml');
  const before = analyzer.analyze(text);
  // Change the CronJob's schedule (third document): one character, same length.
  const at = text.indexOf('0 3 * * *');
  const after = analyzer.analyze(text.slice(0, at) + '1' + text.slice(at + 1));
  assert.equal(after.sites.length, before.sites.length);
  // Sites of untouched documents keep their parse results (same objects): nothing was re-parsed.
  for (let i = 0; i < before.sites.length; i++) {
    const touched = before.sites[i].site.label.startsWith('CronJob');
    assert.equal(after.sites[i].parsed === before.sites[i].parsed, !touched, before.sites[i].site.label);
  }
  // An insertion before later documents moves their sites by the inserted length.
  const moved = analyzer.analyze('# new first line\n' + text);
  assert.deepEqual(
    moved.sites.map((s) => s.site.start - 17),
    before.sites.map((s) => s.site.start),
  );
  assert.equal(checkReferences(moved, DEFAULT_SETTINGS).length, checkReferences(before, DEFAULT_SETTINGS).length);
});

test('an invalid reference after substitution is reported on the whole written text', () => {
  const text = 'ARG TAG=Bad\nFROM alpine:3.19-$TAG AS x\nFROM alpine:${TAG}\n';
  const analysis = new DocumentAnalyzer('dockerfile').analyze(text);
  const findings = checkReferences(analysis, DEFAULT_SETTINGS);
  assert.deepEqual(
    findings.map((f) => text.slice(f.start, f.end)),
    [],
    'uppercase is fine in a tag',
  );
  const bad = 'ARG REPO=Alpine/X\nFROM ${REPO}:1\n';
  const f2 = checkReferences(new DocumentAnalyzer('dockerfile').analyze(bad), DEFAULT_SETTINGS);
  assert.deepEqual(
    f2.map((f) => [f.rule, bad.slice(f.start, f.end)]),
    [['invalid', '${REPO}:1']],
  );
});
