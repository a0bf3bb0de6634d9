import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalyzer } from '../../../src/server/analyzeDocument';
import { completionItems, completionSlot } from '../../../src/server/features/completionItems';
import { hoverText } from '../../../src/server/features/hoverText';
import { EngineIndex } from '../../../src/server/features/EngineIndex';
import { lowercaseRepository, quickFixes } from '../../../src/server/features/quickFixes';
import { analyzeFixture } from './siteHelpers';

const toRange = (s: number, e: number) => ({ start: { line: 0, character: s }, end: { line: 0, character: e } });

test('lowercaseRepository lowercases registry and path, never the tag or digest', () => {
  assert.equal(lowercaseRepository('Shop/Worker:V1'), 'shop/worker:V1');
  assert.equal(lowercaseRepository('Reg.Example.com:5000/A/B:Tag'), 'reg.example.com:5000/a/b:Tag');
  assert.equal(lowercaseRepository('A/B@sha256:AB'), 'a/b@sha256:AB');
  assert.equal(lowercaseRepository('Nginx'), 'nginx');
});

test('without an engine: the lowercase fix for an invalid reference, and no engine-backed fixes', () => {
  const { text, analysis } = analyzeFixture('compose.yaml');
  const broken = analysis.sites.find((s) => s.site.value === 'shop/Worker:1.0')!;
  const fixes = quickFixes({ uri: 'file:///w/compose.yaml', analyzed: broken, diagnostics: [], engine: undefined, toRange });
  assert.deepEqual(
    fixes.map((f) => [f.title, f.edit?.changes?.['file:///w/compose.yaml'][0].newText]),
    [['Lowercase the repository: shop/worker:1.0', 'shop/worker:1.0']],
  );
  assert.equal(text.slice(broken.site.start, broken.site.end), 'shop/Worker:1.0');
  const redis = analysis.sites.find((s) => s.site.value === 'redis')!;
  assert.deepEqual(quickFixes({ uri: 'u', analyzed: redis, diagnostics: [], engine: undefined, toRange }), []);
});

test('hover takes a reference apart into registry, port, namespace, name, tag, digest and the full form', () => {
  const { analysis } = analyzeFixture('compose.yaml');
  const api = analysis.sites.find((s) => s.site.label === 'service api, built here')!;
  const md = hoverText(analysis, api, undefined, () => 0);
  assert.match(md, /\| registry \| `registry\.example\.com` \|/);
  assert.match(md, /\| port \| `5000` \|/);
  assert.match(md, /\| namespace \| `shop` \|/);
  assert.match(md, /\| name \| `api` \|/);
  assert.match(md, /\| tag \| `2\.3\.1` \|/);
  assert.match(md, /\| digest \| — \|/);
  assert.match(md, /Full form: `registry\.example\.com:5000\/shop\/api:2\.3\.1`/);
  const redis = analysis.sites.find((s) => s.site.value === 'redis')!;
  const md2 = hoverText(analysis, redis, undefined, () => 0);
  assert.match(md2, /\| registry \| `docker\.io` \(default\) \|/);
  assert.match(md2, /\| namespace \| `library` \|/);
  assert.match(md2, /Full form: `docker\.io\/library\/redis:latest`/);
  const docker = analyzeFixture('app/Dockerfile');
  const stage = docker.analysis.sites.find((s) => s.site.role === 'stage')!;
  assert.match(hoverText(docker.analysis, stage, undefined, (o) => docker.text.slice(0, o).split('\n').length - 1), /Build stage `build`, the FROM on line 6/);
});

test('completion slots: after FROM, after --from=, in a YAML image value, and on an empty image:', () => {
  const docker = 'FROM golang:1.22 AS build\nFROM alp\nCOPY --from=bu /x /y\nRUN --mount=type=cache,from= x\n';
  const a = new DocumentAnalyzer('dockerfile').analyze(docker);
  const at = (s: string, delta = s.length) => docker.indexOf(s) + delta;
  assert.deepEqual(completionSlot(a, docker, at('FROM alp')), { start: at('alp', 0), end: at('alp'), prefix: 'alp', stages: true, needsSpace: false });
  assert.equal(completionSlot(a, docker, at('--from=bu'))?.prefix, 'bu');
  assert.equal(completionSlot(a, docker, at('from= x', 5))?.prefix, '');
  assert.equal(completionSlot(a, docker, at('/x /y')), undefined);
  const items = completionItems(a, completionSlot(a, docker, at('--from=bu'))!, undefined, toRange);
  assert.deepEqual(items.map((i) => i.label), ['build']);

  const yaml = 'services:\n  web:\n    image: nginx:1.2\n  db:\n    image:\n';
  const y = new DocumentAnalyzer('compose').analyze(yaml);
  assert.deepEqual(completionSlot(y, yaml, yaml.indexOf('nginx:1.2') + 7), { start: yaml.indexOf('nginx'), end: yaml.indexOf('nginx') + 9, prefix: 'nginx:1', stages: false, needsSpace: false });
  const empty = yaml.lastIndexOf('image:') + 6;
  assert.deepEqual(completionSlot(y, yaml, empty), { start: empty, end: empty, prefix: '', stages: false, needsSpace: true });
  assert.equal(completionSlot(y, yaml, yaml.indexOf('services')), undefined);
});

test('pinning uses the digest RepoDigests gives for the same registry and repository, keeping the tag', () => {
  // The shape `docker image ls` gives for an image pulled from two registries: each registry knows it by its own digest.
  const local = 'sha256:' + '1'.repeat(64);
  const hub = 'sha256:' + '2'.repeat(64);
  const engine = new EngineIndex({
    available: true,
    images: [{ id: 'sha256:' + 'f'.repeat(64), repoTags: ['localhost:5000/shop/api:2.3', 'shop/api:2.3'], repoDigests: [`localhost:5000/shop/api@${local}`, `shop/api@${hub}`], size: 1, created: 0 }],
  });
  for (const [ref, digest] of [
    ['localhost:5000/shop/api:2.3', local],
    ['docker.io/shop/api:2.3', hub],
  ]) {
    const text = `services:\n  api:\n    image: ${ref}\n`;
    const a = new DocumentAnalyzer('compose').analyze(text);
    const fixes = quickFixes({ uri: 'u', analyzed: a.sites[0], diagnostics: [], engine, toRange });
    assert.deepEqual(
      fixes.map((f) => f.edit?.changes?.u[0].newText),
      [`${ref}@${digest}`],
      ref,
    );
  }
});
