import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChallenge } from '../../../src/engine/registry/remote/parseChallenge';
import { nextLink } from '../../../src/engine/registry/remote/nextLink';
import { registryHost } from '../../../src/engine/registry/remote/registryHost';
import { resetTime } from '../../../src/engine/registry/remote/RegistryClient';
import { remoteRepository } from '../../../src/engine/registry/remote/RemoteRepository';

test('parseChallenge reads Basic and Bearer challenges, quoted values with commas and escapes', () => {
  assert.deepEqual(parseChallenge('Basic realm="basic-realm"'), { scheme: 'basic', params: { realm: 'basic-realm' } });
  assert.deepEqual(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"'), {
    scheme: 'bearer',
    params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push' },
  });
  assert.deepEqual(parseChallenge('Bearer realm="x\\"y", error=insufficient_scope'), { scheme: 'bearer', params: { realm: 'x"y', error: 'insufficient_scope' } });
  assert.equal(parseChallenge(undefined), undefined);
  assert.equal(parseChallenge('  '), undefined);
  // Malformed: stops at what it cannot read, never throws or loops.
  assert.deepEqual(parseChallenge('Bearer realm="unterminated'), { scheme: 'bearer', params: { realm: 'unterminated' } });
  assert.deepEqual(parseChallenge('Bearer ,,,=,'), { scheme: 'bearer', params: {} });
});

test('nextLink follows rel="next" only, keeps the path of an absolute link, ends without one', () => {
  assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"'), '/v2/_catalog?last=b&n=2');
  assert.equal(nextLink('<https://other.example/v2/a/tags/list?last=x&n=100>; rel="next"'), '/v2/a/tags/list?last=x&n=100');
  assert.equal(nextLink('</v2/x?n=1>; rel="prev", </v2/y?n=1>; rel="next"'), '/v2/y?n=1');
  assert.equal(nextLink(['</v2/x?n=1>; rel="prev"', '</v2/z>; rel=next']), '/v2/z');
  assert.equal(nextLink('</v2/x?n=1>; rel="nextish"'), undefined);
  assert.equal(nextLink(undefined), undefined);
  assert.equal(nextLink('garbage'), undefined);
});

test('registryHost: Docker Hub\'s API host, HTTP only for loopback and the engine\'s insecure registries', () => {
  assert.deepEqual(registryHost('docker.io'), { domain: 'docker.io', apiHost: 'registry-1.docker.io', secure: true });
  assert.deepEqual(registryHost('index.docker.io'), { domain: 'docker.io', apiHost: 'registry-1.docker.io', secure: true });
  assert.equal(registryHost('127.0.0.1:5000').secure, false);
  assert.equal(registryHost('127.9.8.7').secure, false);
  assert.equal(registryHost('localhost:5000').secure, false);
  assert.equal(registryHost('[::1]:5000').secure, false);
  assert.equal(registryHost('128.0.0.1:5000').secure, true);
  assert.equal(registryHost('localhost.example.com').secure, true);
  assert.equal(registryHost('reg.example:5000', ['reg.example:5000']).secure, false);
  assert.equal(registryHost('10.1.2.3:5000', ['10.0.0.0/8']).secure, false);
  assert.equal(registryHost('11.1.2.3:5000', ['10.0.0.0/8']).secure, true);
  assert.equal(registryHost('10.1.2.3:5000', ['10.0.0.0/99']).secure, true);
});

test('resetTime reads Retry-After (seconds or date), then RateLimit-Reset', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  assert.equal(resetTime({ 'retry-after': '30' }, now), '2026-12-01T00:00:30.000Z');
  assert.equal(resetTime({ 'retry-after': 'Tue, 01 Dec 2026 01:00:00 GMT' }, now), '2026-12-01T01:00:00.000Z');
  assert.equal(resetTime({ 'ratelimit-reset': '3600' } as never, now), '2026-12-01T01:00:00.000Z');
  assert.equal(resetTime({}, now), undefined);
});

test('remoteRepository reads names as docker pull does, and refuses bad ones with their position', () => {
  assert.deepEqual(remoteRepository('busybox'), { domain: 'docker.io', path: 'library/busybox', name: 'busybox', tag: null, digest: null });
  assert.deepEqual(remoteRepository('127.0.0.1:5000/team/app:1.4'), { domain: '127.0.0.1:5000', path: 'team/app', name: '127.0.0.1:5000/team/app', tag: '1.4', digest: null });
  assert.throws(() => remoteRepository('127.0.0.1:5000/Team/app'), /Invalid repository "127\.0\.0\.1:5000\/Team\/app": uppercase/);
});
