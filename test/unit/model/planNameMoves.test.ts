import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeNameMove } from '../../../src/model/describeNameMove';
import { describeTagResult } from '../../../src/model/describeTagResult';
import { planNameMoves } from '../../../src/model/planNameMoves';
import { plural } from '../../../src/model/plural';

const TARGET = `sha256:${'1'.repeat(64)}`;
const OTHER = `sha256:${'2'.repeat(64)}`;
const THIRD = `sha256:${'3'.repeat(64)}`;

test('names sort into new, already there, and taken from another image with what that image keeps', () => {
  const plan = planNameMoves(
    TARGET,
    ['walk/app:1.0', 'walk/app:new', 'walk/app:latest', 'docker.io/walk/app:2.0', 'solo:x'],
    [
      { name: 'walk/app:1.0', imageId: OTHER, repoTags: ['walk/app:1.0', 'walk/app:2.0', 'walk/app:keep'] },
      { name: 'walk/app:latest', imageId: TARGET, repoTags: ['walk/app:latest'] },
      // The engine lists names familiar; the user wrote it in full: still the same name.
      { name: 'docker.io/walk/app:2.0', imageId: OTHER, repoTags: ['walk/app:1.0', 'walk/app:2.0', 'walk/app:keep'] },
      { name: 'solo:x', imageId: THIRD, repoTags: ['solo:x'] },
    ],
  );
  assert.deepEqual(plan.fresh, ['walk/app:new']);
  assert.deepEqual(plan.already, ['walk/app:latest']);
  assert.deepEqual(plan.moves, [
    { name: 'walk/app:1.0', fromImage: OTHER, keeps: ['walk/app:keep'] },
    { name: 'docker.io/walk/app:2.0', fromImage: OTHER, keeps: ['walk/app:keep'] },
    { name: 'solo:x', fromImage: THIRD, keeps: [] },
  ]);
  assert.equal(describeNameMove(plan.moves[0]), 'walk/app:1.0 now names image 222222222222, which loses it and keeps walk/app:keep.');
  assert.equal(describeNameMove(plan.moves[2]), 'solo:x now names image 333333333333, which loses it and becomes <none>:<none> (it has no other name).');
  assert.equal(
    describeTagResult(TARGET, plan),
    'Tagged image 111111111111 as walk/app:new, walk/app:1.0, docker.io/walk/app:2.0, solo:x. walk/app:1.0 moved from image 222222222222, which keeps walk/app:keep. docker.io/walk/app:2.0 moved from image 222222222222, which keeps walk/app:keep. solo:x moved from image 333333333333, now <none>:<none>. Already its name: walk/app:latest.',
  );
});

test('every name of another image taken at once leaves it <none>', () => {
  const owner = { imageId: OTHER, repoTags: ['a:1', 'a:2'] };
  const plan = planNameMoves(TARGET, ['a:1', 'a:2'], [{ name: 'a:1', ...owner }, { name: 'a:2', ...owner }]);
  assert.deepEqual(plan.moves.map((m) => m.keeps), [[], []]);
});

test('a commit (no image yet) takes a name from whoever has it', () => {
  const plan = planNameMoves('', ['walk/app:1.0'], [{ name: 'walk/app:1.0', imageId: OTHER, repoTags: ['walk/app:1.0'] }]);
  assert.equal(plan.moves.length, 1);
});

test('nothing to do says so', () => {
  assert.equal(describeTagResult(TARGET, { fresh: [], already: ['a:1'], moves: [] }), 'Image 111111111111 already had that name; nothing changed.');
});

test('plural: one is singular, every other count plural, irregular nouns given', () => {
  assert.equal(plural(1, 'change'), '1 change');
  assert.equal(plural(0, 'change'), '0 changes');
  assert.equal(plural(2, 'layer'), '2 layers');
  assert.equal(plural(1200, 'entry', 'entries'), '1,200 entries');
  assert.equal(plural(1, 'entry', 'entries'), '1 entry');
});
