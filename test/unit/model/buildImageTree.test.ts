import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildImageTree, buildImageTreeInSlices } from '../../../src/model/buildImageTree';
import { otherTagCount, otherTags } from '../../../src/model/otherTags';
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
  assert.deepEqual(app.tags.map((t) => [t.tag, otherTagCount(t)]), [['v1', 2], ['v2', 2]]);
  assert.deepEqual(otherTags(app.tags[0], 10), { names: ['app:v2', 'other/app:prod'], more: 0 });
  assert.deepEqual(otherTags(app.tags[1], 1), { names: ['app:v1'], more: 1 });
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

test('the tags of one image share its one list of names', () => {
  const img = image('sha256:1', ['app:a', 'app:b', 'app:c']);
  const tree = buildImageTree([img]);
  for (const t of tree.repositories[0].tags) assert.equal(t.image.repoTags, img.repoTags);
});

test('built in slices, the tree is the same, and it pauses whenever a slice is used up', async () => {
  const images = Array.from({ length: 300 }, (_, i) => image(`sha256:${i}`, Array.from({ length: 10 }, (_, t) => `r${i % 7}:i${i}-t${t}`), i % 13));
  images.push(image('sha256:none', []));
  let clock = 0;
  let pauses = 0;
  // Each look at the clock moves it 1 ms: with slices of 1 ms, every step is followed by a pause.
  const sliced = await buildImageTreeInSlices(images, 'registry', { now: () => clock++, pause: async () => void pauses++, sliceMs: 1 });
  assert.deepEqual(sliced, buildImageTree(images, 'registry'));
  // 3,000 tags in steps of 512, the repository sort, the tag sorts: at least six pauses.
  assert.ok(pauses >= 6, `paused ${pauses} times`);
});
