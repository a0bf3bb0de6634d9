import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertToHostname } from '../../../src/engine/credentials/convertToHostname';
import { credentialHelperFor } from '../../../src/engine/credentials/credentialHelperFor';
import { decodeAuthEntry } from '../../../src/engine/credentials/decodeAuthEntry';
import { DOCKER_HUB_KEY, registryKey } from '../../../src/engine/credentials/registryKey';

test('registry keys as the docker CLI files them: Docker Hub under its historical URL, others by host[:port]', () => {
  for (const hub of ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/', 'https://registry-1.docker.io/v2/', '']) {
    assert.equal(registryKey(hub), DOCKER_HUB_KEY, hub);
  }
  assert.equal(registryKey('127.0.0.1:5000'), '127.0.0.1:5000');
  assert.equal(registryKey('http://127.0.0.1:5000'), '127.0.0.1:5000');
  assert.equal(registryKey('https://registry.example.com/v2/'), 'registry.example.com');
  assert.equal(convertToHostname('http://localhost:5000/v1/'), 'localhost:5000');
  assert.equal(convertToHostname('localhost:5000'), 'localhost:5000');
});

test('the helper that applies: credHelpers for the registry, else credsStore, else none', () => {
  const config = { credsStore: 'pass', credHelpers: { '127.0.0.1:5000': 'secretservice', 'docker.io': 'ecr-login' } };
  assert.equal(credentialHelperFor(config, '127.0.0.1:5000'), 'secretservice');
  assert.equal(credentialHelperFor(config, DOCKER_HUB_KEY), 'ecr-login');
  assert.equal(credentialHelperFor(config, 'other:5000'), 'pass');
  assert.equal(credentialHelperFor({}, 'other:5000'), undefined);
  assert.equal(credentialHelperFor({ credsStore: '' }, 'other:5000'), undefined);
});

test('an auths entry: base64 user:password (a colon in the password survives), identity token, or nothing', () => {
  const auth = Buffer.from('me:pa:ss').toString('base64');
  assert.deepEqual(decodeAuthEntry({ auth }, 'r'), { username: 'me', password: 'pa:ss' });
  assert.deepEqual(decodeAuthEntry({ auth: Buffer.from('me:').toString('base64'), identitytoken: 'tok' }, 'r'), { username: 'me', identityToken: 'tok' });
  assert.equal(decodeAuthEntry({}, 'r'), undefined);
  assert.equal(decodeAuthEntry(undefined, 'r'), undefined);
});

test('a damaged auths entry is named without quoting it', () => {
  const secret = Buffer.from('no-colon-here').toString('base64');
  assert.throws(
    () => decodeAuthEntry({ auth: secret }, '127.0.0.1:5000'),
    (err: Error) => /login for 127\.0\.0\.1:5000 is damaged/.test(err.message) && !err.message.includes(secret) && !err.message.includes('no-colon-here'),
  );
});
