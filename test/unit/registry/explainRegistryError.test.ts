import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainRegistryError } from '../../../src/engine/registry/explainRegistryError';

/** The engine's words, as Engine 20.10 and Debian's docker-registry said them here (captured). */
const SAID = {
  noCredentials: 'no basic auth credentials',
  pullNoCredentials: 'Head "http://127.0.0.1:5000/v2/exp/mountmwzoiwfv/manifests/m": no basic auth credentials',
  unauthorized: 'unauthorized: authentication required',
  loginRefused: 'login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized',
  loginDown: 'Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused',
  pushDown: 'Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused',
  hubLookup: 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
  manifestUnknown: 'manifest for 127.0.0.1:5000/exp/mountmwzoiwfv:nope not found: manifest unknown: manifest unknown',
  nameUnknown: 'name unknown: repository name not known to registry', // the registry's NAME_UNKNOWN (GET /v2/exp/never/tags/list)
  tagMissing: 'tag does not exist: 127.0.0.1:5000/exp/amwzoipmm:nope',
  imageMissing: 'An image does not exist locally with the tag: 127.0.0.1:5000/nothere',
  // Docker Hub's answer to a push into someone else's namespace (not reproducible with an htpasswd registry, which has no access control).
  denied: 'denied: requested access to the resource is denied',
};

const push = { operation: 'push' as const, registry: '127.0.0.1:5000', reference: '127.0.0.1:5000/app:v1', repository: 'app' };

test('no stored login: log in to the registry first', () => {
  const e = explainRegistryError(SAID.noCredentials, push);
  assert.equal(e.reason, 'noCredentials');
  assert.match(e.message, /log in to 127\.0\.0\.1:5000 first/);
  assert.equal(explainRegistryError(SAID.pullNoCredentials, { ...push, operation: 'pull' }).reason, 'noCredentials');
});

test('a stored login the registry refuses: log in again', () => {
  const e = explainRegistryError(SAID.unauthorized, push);
  assert.equal(e.reason, 'unauthorized');
  assert.match(e.message, /127\.0\.0\.1:5000 refused the login \(unauthorized: authentication required\): log in to 127\.0\.0\.1:5000 again/);
});

test('a refused login names the registry and the user', () => {
  const e = explainRegistryError(SAID.loginRefused, { operation: 'login', registry: '127.0.0.1:5000', username: 'stowage' });
  assert.equal(e.reason, 'unauthorized');
  assert.equal(e.message, 'Registry 127.0.0.1:5000 refused the login for user stowage: 401 Unauthorized. Check the user name and password.');
});

test('nothing listening: no registry answers at the address', () => {
  const login = explainRegistryError(SAID.loginDown, { operation: 'login', registry: '127.0.0.1:5999', username: 'u' });
  assert.equal(login.reason, 'unreachable');
  assert.match(login.message, /^No registry answers at 127\.0\.0\.1:5999 \(connection refused\)/);
  assert.equal(explainRegistryError(SAID.pushDown, { ...push, registry: '127.0.0.1:5999' }).reason, 'unreachable');
});

test('denied, name unknown, manifest unknown, nothing local to push', () => {
  const denied = explainRegistryError(SAID.denied, { ...push, repository: 'team/app' });
  assert.equal(denied.reason, 'denied');
  assert.match(denied.message, /127\.0\.0\.1:5000 denied access to team\/app/);
  const name = explainRegistryError(SAID.nameUnknown, { ...push, operation: 'pull', repository: 'exp/never' });
  assert.equal(name.reason, 'nameUnknown');
  assert.match(name.message, /no repository named exp\/never/);
  const manifest = explainRegistryError(SAID.manifestUnknown, { ...push, operation: 'pull', reference: '127.0.0.1:5000/exp/x:nope' });
  assert.equal(manifest.reason, 'notFound');
  assert.match(manifest.message, /127\.0\.0\.1:5000 has no 127\.0\.0\.1:5000\/exp\/x:nope: check the name and the tag/);
  assert.equal(explainRegistryError(SAID.tagMissing, push).reason, 'localMissing');
  assert.match(explainRegistryError(SAID.imageMissing, push).message, /^There is no local image 127\.0\.0\.1:5000\/app:v1 to push/);
});

test('a name without a registry part went to Docker Hub: say so, and name the registry meant', () => {
  const e = explainRegistryError(SAID.hubLookup, {
    operation: 'push',
    registry: 'docker.io',
    reference: 'app:v1',
    repository: 'library/app',
    impliedHub: true,
    suggestion: { registry: '127.0.0.1:5000', reference: '127.0.0.1:5000/app:v1' },
  });
  assert.equal(e.reason, 'dockerHub');
  assert.match(e.message, /^app:v1 has no registry part, so it names Docker Hub \(docker\.io\), which cannot be reached from here/);
  assert.match(e.message, /To push to 127\.0\.0\.1:5000, tag it 127\.0\.0\.1:5000\/app:v1 first\.$/);
  // Docker Hub's own refusals read the same way.
  assert.equal(explainRegistryError(SAID.denied, { operation: 'push', registry: 'docker.io', reference: 'app:v1', impliedHub: true }).reason, 'dockerHub');
  assert.equal(explainRegistryError(SAID.noCredentials, { operation: 'push', registry: 'docker.io', reference: 'app:v1', impliedHub: true }).reason, 'dockerHub');
});

test('docker.io written out is taken at its word', () => {
  const e = explainRegistryError(SAID.hubLookup, { operation: 'push', registry: 'docker.io', reference: 'docker.io/me/app:v1', impliedHub: false });
  assert.equal(e.reason, 'unreachable');
  assert.match(e.message, /Docker Hub \(docker\.io\) could not be found/);
});

test('anything else keeps the registry\'s own words', () => {
  const e = explainRegistryError('received unexpected HTTP status: 502 Bad Gateway', push);
  assert.equal(e.reason, 'other');
  assert.equal(e.message, '127.0.0.1:5000 said: received unexpected HTTP status: 502 Bad Gateway');
});
