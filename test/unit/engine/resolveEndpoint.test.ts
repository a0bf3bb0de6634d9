import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHost, resolveEndpoint } from '../../../src/engine/resolveEndpoint';

function configDir(config: object, contexts: Record<string, object> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-cfg-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  for (const [name, meta] of Object.entries(contexts)) {
    const id = createHash('sha256').update(name).digest('hex');
    mkdirSync(join(dir, 'contexts', 'meta', id), { recursive: true });
    writeFileSync(join(dir, 'contexts', 'meta', id, 'meta.json'), JSON.stringify(meta));
  }
  return dir;
}

test('the setting wins over DOCKER_HOST and contexts', () => {
  const ep = resolveEndpoint({ setting: 'unix:///run/podman/podman.sock', env: { DOCKER_HOST: 'tcp://1.2.3.4:2375' } });
  assert.deepEqual([ep.kind, ep.socketPath, ep.source], ['unix', '/run/podman/podman.sock', 'setting']);
});

test('DOCKER_HOST tcp with TLS variables gives https material', () => {
  const ep = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.2:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } });
  assert.equal(ep.kind, 'tcp');
  assert.equal(ep.host, '10.0.0.2');
  assert.equal(ep.port, 2376);
  assert.deepEqual(ep.tls, { verify: true, certPath: '/certs' });
  assert.equal(ep.source, 'DOCKER_HOST');
});

test('DOCKER_HOST tcp without TLS defaults to port 2375', () => {
  const ep = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://example.test' } });
  assert.equal(ep.port, 2375);
  assert.equal(ep.tls, undefined);
});

test('ssh and npipe hosts', () => {
  const ssh = parseHost('ssh://deploy@build.example:2222', 'DOCKER_HOST');
  assert.deepEqual([ssh.kind, ssh.username, ssh.host, ssh.port], ['ssh', 'deploy', 'build.example', 2222]);
  const pipe = parseHost('npipe:////./pipe/docker_engine', 'DOCKER_HOST');
  assert.equal(pipe.kind, 'npipe');
  assert.equal(pipe.socketPath, '\\\\.\\pipe\\docker_engine');
});

test('the current context from config.json, found by the sha256 of its name', () => {
  const dir = configDir({ currentContext: 'remote box' }, { 'remote box': { Name: 'remote box', Endpoints: { docker: { Host: 'tcp://192.0.2.7:2376', SkipTLSVerify: false } } } });
  const ep = resolveEndpoint({ env: { DOCKER_CONFIG: dir } });
  assert.equal(ep.source, 'context "remote box"');
  assert.equal(ep.host, '192.0.2.7');
  assert.equal(ep.tls?.verify, true);
  assert.match(ep.tls?.certPath ?? '', /contexts\/tls\/[0-9a-f]{64}\/docker$/);
});

test('DOCKER_CONTEXT overrides currentContext; "default" means the default socket', () => {
  const dir = configDir({ currentContext: 'other' }, { other: { Endpoints: { docker: { Host: 'unix:///other.sock' } } } });
  assert.equal(resolveEndpoint({ env: { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'default' }, platform: 'linux' }).url, 'unix:///var/run/docker.sock');
  assert.equal(resolveEndpoint({ env: { DOCKER_CONFIG: dir }, platform: 'linux' }).socketPath, '/other.sock');
});

test('a missing context is an error naming it and the file', () => {
  const dir = configDir({ currentContext: 'gone' });
  assert.throws(() => resolveEndpoint({ env: { DOCKER_CONFIG: dir } }), /context "gone".*meta\.json/);
});

test('the default socket per platform', () => {
  assert.equal(resolveEndpoint({ env: {}, platform: 'linux', home: '/nonexistent' }).url, 'unix:///var/run/docker.sock');
  assert.equal(resolveEndpoint({ env: {}, platform: 'win32', home: '/nonexistent' }).kind, 'npipe');
});

test('bad hosts are explained', () => {
  assert.throws(() => parseHost('localhost:2375', 'DOCKER_HOST'), /DOCKER_HOST "localhost:2375" is not an engine address/);
  assert.throws(() => parseHost('tcp://host:http', 'setting'), /port "http" must be a number/);
  assert.throws(() => parseHost('unix://relative.sock', 'setting'), /must be absolute/);
  assert.throws(() => parseHost('ftp://x', 'setting'), /unsupported scheme "ftp:\/\/"/);
});
