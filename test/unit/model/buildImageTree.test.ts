import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildImageTree } from '../../../src/model/buildImageTree';
import type { ImageSummary } from '../../../src/engine/types';

const image = (id: string, repoTags: string[], created = 1): ImageSummary => ({ id, repoTags, repoDigests: [], created, size: 10, containers: 0, labels: {}, parentId: '' });

test('repositories are taken apart as registry[:port]/[namespace/]name', () => {
  const tree = buildImageTree([
    image('sha256:1', ['busybox:latest', 'busybox:1.36']),
    image('sha256:2', ['redhat/kubernetes:1.0']),
    image('sha256:3', ['127.0.0.1:5000/prod/database:v2']),
    image('sha256:4', ['localhost:5000/app']),
  ]);
  const byName = Object.fromEntries(tree.repositories.map((r) => [r.repository, r]));
  assert.deepEqual(Object.keys(byName).sort(), ['127.0.0.1:5000/prod/database', 'busybox', 'localhost:5000/app', 'redhat/kubernetes']);
  const bb = byName['busybox'];
  assert.deepEqual([bb.registry, bb.port, bb.namespace, bb.name, bb.registryImplicit], ['docker.io', null, 'library', 'busybox', true]);
  const rh = byName['redhat/kubernetes'];
  assert.deepEqual([rh.registry, rh.namespace, rh.name], ['docker.io', 'redhat', 'kubernetes']);
  const db = byName['127.0.0.1:5000/prod/database'];
  assert.deepEqual([db.registry, db.port, db.namespace, db.name, db.registryImplicit], ['127.0.0.1', '5000', 'prod', 'database', false]);
  assert.deepEqual(byName['localhost:5000/app'].tags.map((t) => t.tag), ['latest']);
});

test('an image with several tags says so on each; untagged images get their own group', () => {
  const tree = buildImageTree([image('sha256:1', ['app:v1', 'app:v2', 'other/app:prod']), image('sha256:9', [])]);
  const app = tree.repositories.find((r) => r.repository === 'app')!;
  assert.deepEqual(app.tags.map((t) => [t.tag, t.otherTags.length]), [['v1', 2], ['v2', 2]]);
  assert.deepEqual(tree.untagged.map((i) => i.id), ['sha256:9']);
});

test('grouping by registry puts repositories under their registry and port', () => {
  const tree = buildImageTree([image('sha256:1', ['busybox:latest']), image('sha256:2', ['127.0.0.1:5000/a:1', '127.0.0.1:5000/b:1'])], 'registry');
  assert.deepEqual(
    tree.registries.map((g) => [g.registry, g.repositories.map((r) => r.repository)]),
    [['127.0.0.1:5000', ['127.0.0.1:5000/a', '127.0.0.1:5000/b']], ['docker.io', ['busybox']]],
  );
});

test('tags are listed newest image first', () => {
  const tree = buildImageTree([image('sha256:old', ['app:old'], 100), image('sha256:new', ['app:new'], 200)]);
  assert.deepEqual(tree.repositories[0].tags.map((t) => t.tag), ['new', 'old']);
});
