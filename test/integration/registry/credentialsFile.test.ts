import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eraseCredentials } from '../../../src/engine/credentials/eraseCredentials';
import { getCredentials } from '../../../src/engine/credentials/getCredentials';
import { listLogins } from '../../../src/engine/credentials/listLogins';
import { readDockerConfig } from '../../../src/engine/credentials/readDockerConfig';
import { DOCKER_HUB_KEY } from '../../../src/engine/credentials/registryKey';
import { storeCredentials } from '../../../src/engine/credentials/storeCredentials';
import { updateDockerConfig } from '../../../src/engine/credentials/updateDockerConfig';
import { tempDockerConfig } from './registryTestKit';

const OTHER_KEYS = {
  psFormat: 'table {{.ID}}\\t{{.Names}}',
  proxies: { default: { httpProxy: 'http://proxy.invalid:3128' } },
  experimental: 'enabled',
  auths: { 'other.example.com': { auth: Buffer.from('someone:else').toString('base64') } },
  credHelpers: { 'ecr.example.com': 'ecr-login' },
};

test('storing keeps every other key of config.json, leaves it 0600, and replaces it whole (atomic rename)', async () => {
  const cfg = tempDockerConfig(OTHER_KEYS);
  try {
    const inodeBefore = statSync(cfg.file).ino;
    const store = await storeCredentials({ serverAddress: '127.0.0.1:5000', username: 'me', password: 's3cret-pw' }, cfg.options);
    assert.equal(store, 'file');
    const after = JSON.parse(readFileSync(cfg.file, 'utf8'));
    assert.deepEqual(after, { ...OTHER_KEYS, auths: { ...OTHER_KEYS.auths, '127.0.0.1:5000': { auth: Buffer.from('me:s3cret-pw').toString('base64') } } });
    assert.equal(statSync(cfg.file).mode & 0o777, 0o600);
    assert.notEqual(statSync(cfg.file).ino, inodeBefore, 'a new file was renamed over the old one, not rewritten in place');
    assert.deepEqual(readdirSync(cfg.dir), ['config.json'], 'no temp file left behind');
    assert.deepEqual(await getCredentials('127.0.0.1:5000', cfg.options), { serverAddress: '127.0.0.1:5000', username: 'me', password: 's3cret-pw' });
  } finally {
    cfg.remove();
  }
});

test('a missing folder and file are created (folder 0700, file 0600); DOCKER_CONFIG decides where', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'stowage-docker-config-'));
  const dir = join(parent, 'nested', '.docker');
  try {
    // No credential helper on PATH: the CLI's default-helper detection finds none, so the file it is.
    const env = { ...process.env, DOCKER_CONFIG: dir, PATH: join(parent, 'bin') };
    await storeCredentials({ serverAddress: 'docker.io', username: 'me', password: 'pw' }, { env });
    const file = join(dir, 'config.json');
    assert.ok(existsSync(file));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8')).auths), [DOCKER_HUB_KEY], 'Docker Hub is filed under its historical key');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a reader in another process never sees a half-written config.json', async () => {
  const cfg = tempDockerConfig({ ...OTHER_KEYS, padding: 'x'.repeat(200_000) });
  const stop = join(cfg.dir, 'stop');
  // Reads the file as fast as it can until told to stop; counts reads that are not whole JSON.
  const reader = spawn(
    process.execPath,
    [
      '-e',
      `const fs=require('fs');let reads=0,bad=0;for(;;){if(fs.existsSync(${JSON.stringify(stop)}))break;try{JSON.parse(fs.readFileSync(${JSON.stringify(cfg.file)},'utf8'));}catch(e){if(e.code!=='ENOENT')bad++;}reads++;}process.stdout.write(JSON.stringify({reads,bad}));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  reader.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => reader.on('close', () => resolve()));
  try {
    // At once: the writes still go one by one (one chain per file), and each watches the file settle.
    await Promise.all(Array.from({ length: 60 }, (_, i) => storeCredentials({ serverAddress: `r${i % 5}.example.com`, username: `u${i}`, password: `p${i}` }, cfg.options)));
    writeFileSync(stop, '');
    await exited;
    const { reads, bad } = JSON.parse(out) as { reads: number; bad: number };
    assert.ok(reads > 0);
    assert.equal(bad, 0, `${bad} of ${reads} reads saw a partial file`);
    assert.equal(JSON.parse(readFileSync(cfg.file, 'utf8')).padding.length, 200_000);
  } finally {
    reader.kill();
    cfg.remove();
  }
});

test('concurrent updates in one process lose nothing', async () => {
  const cfg = tempDockerConfig();
  try {
    await Promise.all(Array.from({ length: 10 }, (_, i) => storeCredentials({ serverAddress: `host${i}:5000`, username: `u${i}`, password: `p${i}` }, cfg.options)));
    const { config } = await readDockerConfig(cfg.options);
    assert.equal(Object.keys(config.auths ?? {}).length, 10);
  } finally {
    cfg.remove();
  }
});

test('logins to one registry at once in this process: none redoes over the other, one of them stays whole, as if they ran in turn', async () => {
  const cfg = tempDockerConfig(OTHER_KEYS);
  try {
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => storeCredentials({ serverAddress: 'same.example.com', username: `u${i}`, password: `p${i}` }, cfg.options)));
    const stored = await getCredentials('same.example.com', cfg.options);
    assert.match(stored?.username ?? '', /^u[0-5]$/);
    assert.equal(stored?.password, `p${stored?.username?.slice(1)}`);
    assert.deepEqual(JSON.parse(readFileSync(cfg.file, 'utf8')).psFormat, OTHER_KEYS.psFormat);
    // Six updates that fought would each redo up to 8 times, 300 ms apart at least.
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  } finally {
    cfg.remove();
  }
});

test('keys an older CLI left with a scheme are found and erased; erase keeps the rest of the file', async () => {
  const cfg = tempDockerConfig({ ...OTHER_KEYS, auths: { ...OTHER_KEYS.auths, 'http://127.0.0.1:5000': { auth: Buffer.from('old:pw').toString('base64') } } });
  try {
    assert.deepEqual(await getCredentials('127.0.0.1:5000', cfg.options), { serverAddress: '127.0.0.1:5000', username: 'old', password: 'pw' });
    assert.equal(await eraseCredentials('127.0.0.1:5000', cfg.options), true);
    assert.deepEqual(JSON.parse(readFileSync(cfg.file, 'utf8')), OTHER_KEYS);
    assert.equal(await getCredentials('127.0.0.1:5000', cfg.options), undefined);
    assert.equal(await eraseCredentials('127.0.0.1:5000', cfg.options), false, 'nothing left to erase');
  } finally {
    cfg.remove();
  }
});

test('identity tokens are filed as the CLI files them and come back as tokens', async () => {
  const cfg = tempDockerConfig();
  try {
    await storeCredentials({ serverAddress: 'registry.example.com', username: 'me', identityToken: 'tok-123' }, cfg.options);
    assert.deepEqual(JSON.parse(readFileSync(cfg.file, 'utf8')).auths['registry.example.com'], { auth: Buffer.from('me:').toString('base64'), identitytoken: 'tok-123' });
    assert.deepEqual(await getCredentials('registry.example.com', cfg.options), { serverAddress: 'registry.example.com', username: 'me', identityToken: 'tok-123' });
  } finally {
    cfg.remove();
  }
});

test('listLogins names each registry and user from the file, never a secret', async () => {
  const cfg = tempDockerConfig({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hubpw').toString('base64') }, '127.0.0.1:5000': { auth: Buffer.from('me:mypw').toString('base64') } } });
  try {
    const logins = await listLogins(cfg.options);
    assert.deepEqual(logins, [
      { registry: '127.0.0.1:5000', username: 'me', store: 'file' },
      { registry: DOCKER_HUB_KEY, username: 'hubuser', store: 'file' },
    ]);
    assert.ok(!JSON.stringify(logins).includes('pw'));
  } finally {
    cfg.remove();
  }
});

test('a config.json that is not JSON is reported without quoting it', async () => {
  const cfg = tempDockerConfig();
  const secret = Buffer.from('me:top-secret').toString('base64');
  writeFileSync(cfg.file, `{"auths": {"x": {"auth": "${secret}"}}, oops`);
  try {
    await assert.rejects(getCredentials('x', cfg.options), (err: Error) => /is not valid JSON/.test(err.message) && !err.message.includes(secret));
    await assert.rejects(updateDockerConfig(cfg.options, () => true), /is not valid JSON/);
    assert.ok(readFileSync(cfg.file, 'utf8').endsWith('oops'), 'a file we cannot read is never overwritten');
  } finally {
    cfg.remove();
  }
});

test('a credential helper that is not installed is named clearly', async () => {
  const cfg = tempDockerConfig({ credsStore: 'stowage-no-such-helper' });
  try {
    await assert.rejects(getCredentials('127.0.0.1:5000', cfg.options), /docker-credential-stowage-no-such-helper is not installed/);
    await assert.rejects(storeCredentials({ serverAddress: '127.0.0.1:5000', username: 'u', password: 'pw-not-shown' }, cfg.options), (err: Error) => /not installed/.test(err.message) && !err.message.includes('pw-not-shown'));
    assert.deepEqual(JSON.parse(readFileSync(cfg.file, 'utf8')), { credsStore: 'stowage-no-such-helper' }, 'a failed helper store writes nothing');
  } finally {
    cfg.remove();
  }
});
