import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeImageCount } from '../../../src/model/describeImageCount';

test('the engine count says what it counts beside what the Images view lists', () => {
  assert.equal(describeImageCount(13, 9).description, '13 in the store: 9 listed, 4 intermediate');
  assert.match(describeImageCount(13, 9).tooltip, /the other 4 are intermediate build images/);
  assert.equal(describeImageCount(9, 9).description, '9 in the store, all listed');
});

test('without a listing, it still says that intermediate images are counted', () => {
  assert.equal(describeImageCount(13, undefined).description, '13 in the store (intermediate build images included)');
});
