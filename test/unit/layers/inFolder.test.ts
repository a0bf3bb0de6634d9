import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inFolder } from '../../../src/model/layers/inFolder';

test('a path is in a folder only when its last slash ends that folder exactly', () => {
  const at = (path: string) => path.lastIndexOf('/');
  assert.equal(inFolder('a/b/c', at('a/b/c'), 'a/b'), true);
  assert.equal(inFolder('a/bc/d', at('a/bc/d'), 'a/b'), false, 'a longer sibling folder with the same start');
  assert.equal(inFolder('a/b/c/d', at('a/b/c/d'), 'a/b'), false, 'deeper down is not directly in it');
  assert.equal(inFolder('x/b/c', at('x/b/c'), 'a/b'), false, 'same length, another folder');
  assert.equal(inFolder('a/b/c', at('a/b/c'), undefined), false, 'no previous folder');
});
