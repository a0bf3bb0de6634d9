import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decomposeReference, isValidDomain, isValidIdentifier, isValidName, isValidPath, parseReference, validateRepository, validateTag } from '../../../src/reference';

const HEX64 = 'e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';

test('validateTag: spans are offsets into the tag', () => {
  assert.equal(validateTag('v1.0-rc_1'), undefined);
  assert.equal(validateTag('x'.repeat(128)), undefined);
  assert.deepEqual(validateTag(''), { code: 'empty-tag', message: 'tag is empty', start: 0, end: 0 });
  assert.equal(validateTag('x'.repeat(129))?.code, 'tag-too-long');
  assert.deepEqual(pick(validateTag('-x')), ['tag-start', 0, 1]);
  assert.deepEqual(pick(validateTag('a@b')), ['invalid-char', 1, 2]);
  assert.deepEqual(pick(validateTag('a:b')), ['stray-colon', 1, 2]);
  assert.deepEqual(pick(validateTag('a b')), ['whitespace', 1, 2]);
  assert.deepEqual(pick(validateTag('${TAG}')), ['variable', 0, 6]);
});

test('validateRepository: repository[:tag], no digest', () => {
  assert.equal(validateRepository('myapp'), undefined);
  assert.equal(validateRepository('localhost:5000/team/app:1.0'), undefined);
  assert.deepEqual(pick(validateRepository('MyApp')), ['uppercase', 0, 1]);
  assert.deepEqual(pick(validateRepository(`app@sha256:${HEX64}`)), ['digest-not-allowed', 3, 75]);
  assert.deepEqual(pick(validateRepository('')), ['empty', 0, 0]);
});

test('decomposeReference: <registry>[:<port>]/[<namespace>/]<name>:<tag>', () => {
  assert.deepEqual(decomposeReference('ubuntu:22.04'), { registry: 'docker.io', port: null, namespace: 'library', name: 'ubuntu', tag: '22.04', digest: null });
  assert.deepEqual(decomposeReference('localhost:5000/team/sub/app:v1'), { registry: 'localhost', port: '5000', namespace: 'team/sub', name: 'app', tag: 'v1', digest: null });
  assert.deepEqual(decomposeReference(`[::1]:5000/app@sha256:${HEX64}`), { registry: '[::1]', port: '5000', namespace: null, name: 'app', tag: null, digest: `sha256:${HEX64}` });
  assert.deepEqual(decomposeReference('[::1]/app'), { registry: '[::1]', port: null, namespace: null, name: 'app', tag: null, digest: null });
  assert.deepEqual(decomposeReference('ubuntu', 'strict'), { registry: null, port: null, namespace: null, name: 'ubuntu', tag: null, digest: null });
  assert.deepEqual(decomposeReference('gcr.io/project/app'), { registry: 'gcr.io', port: null, namespace: 'project', name: 'app', tag: null, digest: null });
  const parsed = parseReference('docker/whalesay:latest');
  assert.deepEqual(decomposeReference(parsed), { registry: 'docker.io', port: null, namespace: 'docker', name: 'whalesay', tag: 'latest', digest: null });
  assert.equal(decomposeReference('Not Valid'), undefined);
  assert.equal(decomposeReference('<none>:<none>'), undefined);
});

test('sub-grammar predicates', () => {
  assert.ok(isValidDomain('registry.example.com:5000'));
  assert.ok(isValidDomain('[fd00::1]:5000'));
  assert.ok(!isValidDomain('bad_host.com'));
  assert.ok(!isValidDomain(''));
  assert.ok(!isValidDomain('host/x'));
  assert.ok(isValidPath('library/ubuntu'));
  assert.ok(!isValidPath('library/ubuntu:1'));
  assert.ok(!isValidPath('a'.repeat(256)));
  assert.ok(isValidName('example.com/app'));
  assert.ok(!isValidName('example.com/app:1'));
  assert.ok(isValidIdentifier(HEX64));
  assert.ok(!isValidIdentifier(HEX64.toUpperCase()));
});

function pick(e: { code: string; start: number; end: number } | undefined): [string, number, number] | undefined {
  return e && [e.code, e.start, e.end];
}
