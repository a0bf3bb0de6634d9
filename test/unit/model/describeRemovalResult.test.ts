import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary, ImageSummary } from '../../../src/engine/types';
import { describeRemovalResult } from '../../../src/model/describeRemovalResult';
import { planImageRemoval } from '../../../src/model/planImageRemoval';

const ID = `sha256:${'a'.repeat(64)}`;
const image = (repoTags: string[]): ImageSummary => ({ id: ID, repoTags, repoDigests: [], created: 1, size: 1, containers: 0, labels: {}, parentId: '' });
const container = (name: string, state: string): ContainerSummary => ({ id: `c-${name}`, name, image: 'x', imageId: ID, state, status: '', created: 1, ports: [], labels: {} });

test('the plan says what the engine does with force: running users keep the image (untag only), stopped ones do not', () => {
  const last = image(['walk/app:2.0']);
  const [running] = planImageRemoval([{ reference: 'walk/app:2.0', image: last }], [container('walk2', 'running')]);
  assert.deepEqual([running.outcome, running.force], ['untagOnly', true]);
  const [stopped] = planImageRemoval([{ reference: 'walk/app:2.0', image: last }], [container('walk2', 'exited')]);
  assert.deepEqual([stopped.outcome, stopped.force], ['forceDelete', true]);
  const [free] = planImageRemoval([{ reference: 'walk/app:2.0', image: last }], []);
  assert.deepEqual([free.outcome, free.force], ['delete', false]);
  const [byId] = planImageRemoval([{ reference: ID, image: image([]) }], [container('walk2', 'running')]);
  assert.equal(byId.outcome, 'refused');
  const [shared] = planImageRemoval([{ reference: 'walk/app:2.0', image: image(['walk/app:2.0', 'walk/app:latest']) }], [container('walk2', 'running')]);
  assert.deepEqual([shared.outcome, shared.force], ['untag', false]);
});

test('the result comes from the engine\'s answer: untagged only, while a container runs from it', () => {
  const [step] = planImageRemoval([{ reference: 'walk/app:2.0', image: image(['walk/app:2.0']) }], [container('walk2', 'running')]);
  assert.equal(describeRemovalResult(step, { untagged: ['walk/app:2.0'], deleted: [] }), 'Untagged walk/app:2.0; the image stays while container walk2 uses it (now <none>:<none>, aaaaaaaaaaaa)');
  // Overtaken: the container stopped before the request, so force deleted it. The answer wins.
  assert.equal(describeRemovalResult(step, { untagged: ['walk/app:2.0'], deleted: [ID, 'sha256:layer'] }), 'Deleted image aaaaaaaaaaaa (walk/app:2.0); container walk2 keeps only its ID');
});

test('plain untag and plain delete, and an answer with nothing in it', () => {
  const [untag] = planImageRemoval([{ reference: 'a:1', image: image(['a:1', 'a:2']) }], []);
  assert.equal(describeRemovalResult(untag, { untagged: ['a:1'], deleted: [] }), 'Untagged a:1; image aaaaaaaaaaaa keeps a:2');
  const [del] = planImageRemoval([{ reference: 'a:1', image: image(['a:1']) }], []);
  assert.equal(describeRemovalResult(del, { untagged: ['a:1'], deleted: [ID] }), 'Deleted image aaaaaaaaaaaa (a:1)');
  assert.equal(describeRemovalResult(del, { untagged: ['a:1'], deleted: [] }), 'Untagged a:1; image aaaaaaaaaaaa stays as <none>:<none>');
  assert.match(describeRemovalResult(del, { untagged: [], deleted: [] }), /^Nothing changed for a:1/);
});
