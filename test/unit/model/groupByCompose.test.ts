import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeServiceOf, groupByCompose } from '../../../src/model/groupByCompose';
import type { ContainerSummary } from '../../../src/engine/types';

const c = (name: string, labels: Record<string, string> = {}, state = 'running'): ContainerSummary => ({
  id: name, name, image: 'img', imageId: 'sha256:1', state, status: '', created: 1, ports: [], labels,
});
const compose = (project: string, service: string, n: number, state = 'running') =>
  c(`${project}-${service}-${n}`, { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': String(n) }, state);

test('containers Compose started are grouped by project; services and numbers in order; the rest stay apart', () => {
  const g = groupByCompose([c('loose'), compose('shop', 'web', 10), compose('blog', 'db', 1, 'exited'), compose('shop', 'web', 2), compose('shop', 'db', 1, 'exited'), c('other')]);
  assert.deepEqual(g.projects.map((p) => [p.project, p.containers.map((x) => x.name), p.running]), [
    ['blog', ['blog-db-1'], 0],
    ['shop', ['shop-db-1', 'shop-web-2', 'shop-web-10'], 2],
  ]);
  assert.deepEqual(g.others.map((x) => x.name), ['loose', 'other']);
});

test('a project label without a service, or an empty project label, is handled', () => {
  const g = groupByCompose([c('a', { 'com.docker.compose.project': 'p' }), c('b', { 'com.docker.compose.project': '' })]);
  assert.deepEqual(g.projects.map((p) => p.containers.map((x) => x.name)), [['a']]);
  assert.deepEqual(g.others.map((x) => x.name), ['b']);
  assert.equal(composeServiceOf(compose('p', 'web', 3)), 'web #3');
  assert.equal(composeServiceOf(c('a', { 'com.docker.compose.project': 'p' })), '');
  assert.equal(composeServiceOf(c('x')), '');
});
