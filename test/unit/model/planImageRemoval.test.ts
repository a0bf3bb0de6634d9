import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planImageRemoval } from '../../../src/model/planImageRemoval';
import type { ContainerSummary, ImageSummary } from '../../../src/engine/types';

const image = (id: string, repoTags: string[]): ImageSummary => ({ id, repoTags, repoDigests: [], created: 1, size: 1, containers: 0, labels: {}, parentId: '' });
const container = (name: string, imageId: string, state = 'exited'): ContainerSummary => ({ id: `c-${name}`, name, image: 'x', imageId, state, status: '', created: 1, ports: [], labels: {} });

test('a name the image shares is only untagged; the last name deletes', () => {
  const img = image('sha256:1', ['a:1', 'a:2']);
  const [one] = planImageRemoval([{ reference: 'a:1', image: img }], []);
  assert.equal(one.effect, 'untag');
  assert.deepEqual(one.remaining, ['a:2']);
  const both = planImageRemoval([{ reference: 'a:1', image: img }, { reference: 'a:2', image: img }], [container('b1', 'sha256:1')]);
  assert.deepEqual(both.map((s) => s.effect), ['untag', 'delete']);
  assert.deepEqual(both[1].usedBy.map((c) => c.name), ['b1']);
  assert.deepEqual(both[0].usedBy, []);
});

test('removing by ID (an untagged image) deletes it', () => {
  const img = image('sha256:2', []);
  const [step] = planImageRemoval([{ reference: 'sha256:2', image: img }], [container('x', 'sha256:other')]);
  assert.equal(step.effect, 'delete');
  assert.deepEqual(step.usedBy, []);
});
