import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerImageName } from '../../../src/model/containerImageName';

const hex = 'a1b2c3d4e5f6'.padEnd(64, '0');

test('a container whose image lost its name shows the short ID, as docker ps does', () => {
  assert.equal(containerImageName(`sha256:${hex}`), 'a1b2c3d4e5f6');
  assert.equal(containerImageName(hex), 'a1b2c3d4e5f6');
});

test('names are shown as the engine gives them', () => {
  assert.equal(containerImageName('walk/app:2.0'), 'walk/app:2.0');
  assert.equal(containerImageName('127.0.0.1:5000/app@sha256:' + hex), '127.0.0.1:5000/app@sha256:' + hex);
  // 64 characters, but not an ID: a repository name may be all hex.
  assert.equal(containerImageName(hex.slice(0, 63) + 'g'), hex.slice(0, 63) + 'g');
});
