import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retagForRegistry } from '../../../src/engine/registry/retagForRegistry';

test('a Docker Hub name gets the registry in front, namespace kept, implied library/ dropped', () => {
  assert.equal(retagForRegistry('app:v1', '127.0.0.1:5000'), '127.0.0.1:5000/app:v1');
  assert.equal(retagForRegistry('team/app:v1', '127.0.0.1:5000'), '127.0.0.1:5000/team/app:v1');
  assert.equal(retagForRegistry('docker.io/library/busybox:1.36', 'localhost:5000'), 'localhost:5000/busybox:1.36');
  assert.equal(retagForRegistry('prod/team/app', 'registry.example.com'), 'registry.example.com/prod/team/app');
});

test('a repository without a tag stays without one (a whole repository)', () => {
  assert.equal(retagForRegistry('app', '127.0.0.1:5000'), '127.0.0.1:5000/app');
});

test('a name of another registry moves over; a registry given as an address is reduced to host:port', () => {
  assert.equal(retagForRegistry('localhost:5000/a/b:c', '127.0.0.1:5000'), '127.0.0.1:5000/a/b:c');
  assert.equal(retagForRegistry('app:v1', 'http://127.0.0.1:5000/'), '127.0.0.1:5000/app:v1');
});

test('to Docker Hub: the familiar name', () => {
  assert.equal(retagForRegistry('127.0.0.1:5000/team/app:v1', 'docker.io'), 'team/app:v1');
  assert.equal(retagForRegistry('127.0.0.1:5000/team/app:v1', 'https://index.docker.io/v1/'), 'team/app:v1');
});

test('a digest is dropped (a push needs a tag); the tag stays', () => {
  const digest = 'sha256:' + 'a'.repeat(64);
  assert.equal(retagForRegistry(`app:v1@${digest}`, '127.0.0.1:5000'), '127.0.0.1:5000/app:v1');
});

test('an invalid reference is refused', () => {
  assert.throws(() => retagForRegistry('Bad//Ref:v1', '127.0.0.1:5000'), /not a valid image reference/);
  assert.throws(() => retagForRegistry('app:v1', 'bad host!'), /would not be a valid image reference/);
});
