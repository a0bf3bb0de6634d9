import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEngine } from '../../../src/engine/describeEngine';
import { Engine } from '../../../src/engine/Engine';
import { parseHost } from '../../../src/engine/resolveEndpoint';
import { readHostKey } from '../../../src/engine/ssh/readHostKey';
import { recordHostKey } from '../../../src/engine/ssh/recordHostKey';
import { startSshServer, type SshServer } from '../../support/sshServer';

// Issue 13: first contact with an unknown SSH host asks the user with the fingerprint,
// never accepts it blindly, and an accepted key is recorded the way ssh records it. The
// real sshd's own key is the reference: its fingerprint as `ssh-keygen -l` prints it,
// and the recorded line as the real ssh (and `ssh-keygen -F`) read it.

describe('an SSH host key offered with its fingerprint, recorded as ssh does', () => {
  let sshd: SshServer;
  let hostKeyFingerprint = '';

  before(async () => {
    // The remote docker talks to the machine's engine (only read here).
    sshd = await startSshServer({ env: {} });
    hostKeyFingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(sshd.dir, 'host_key.pub')], { encoding: 'utf8' }).split(' ')[1];
  });
  after(async () => {
    await sshd?.stop();
  });

  /** An ssh:// endpoint whose ssh reads `config`, with the known_hosts file that config names. */
  const endpointWith = (config: string) => {
    const knownHosts = /UserKnownHostsFile (\S+)/.exec(readFileSync(config, 'utf8'))![1];
    const env = { ...process.env, STOWAGE_SSH_CONFIG: config };
    const endpoint = parseHost(`ssh://root@127.0.0.1:${sshd.port}`, 'test');
    return { endpoint, env, knownHosts, engine: () => new Engine(endpoint, () => {}, env) };
  };

  test('an unknown host: its fingerprint is offered, nothing is written until accepted, and once recorded the real ssh connects', async () => {
    const { endpoint, env, knownHosts, engine } = endpointWith(sshd.clientConfig({ knownHosts: '' }));
    const refused = await describeEngine(engine()).then(() => undefined, (e: unknown) => e as Error & { unknownHostKeyOf?: string });
    assert.ok(refused, 'the unknown host was accepted');
    assert.equal(refused.unknownHostKeyOf, endpoint.url);

    const offer = await readHostKey(endpoint, env);
    assert.equal(offer.state, 'unknown');
    assert.equal(offer.fingerprint, hostKeyFingerprint);
    assert.equal(offer.knownHostsName, `[127.0.0.1]:${sshd.port}`);
    assert.equal(`${offer.keyType} ${offer.key}`, sshd.hostKey);
    assert.equal(offer.knownHostsFile, knownHosts);
    assert.equal(readFileSync(knownHosts, 'utf8'), '', 'reading the key wrote to known_hosts');

    await recordHostKey(offer, env);
    assert.equal(readFileSync(knownHosts, 'utf8'), `[127.0.0.1]:${sshd.port} ${sshd.hostKey}\n`);
    const d = await describeEngine(engine());
    assert.match(d.version, /^\d+\.\d+/);
    assert.equal((await readHostKey(endpoint, env)).state, 'known');
  });

  test('with HashKnownHosts, the name is hashed as ssh hashes it: ssh-keygen -F finds it and ssh connects', async () => {
    const config = sshd.clientConfig({ knownHosts: '' });
    appendFileSync(config, '  HashKnownHosts yes\n');
    const { endpoint, env, knownHosts, engine } = endpointWith(config);
    const offer = await readHostKey(endpoint, env);
    assert.equal(offer.hashNames, true);
    await recordHostKey(offer, env);
    const line = readFileSync(knownHosts, 'utf8');
    assert.match(line, /^\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28} ssh-ed25519 \S+\n$/);
    assert.ok(!line.includes('127.0.0.1'), line);
    const found = execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', knownHosts], { encoding: 'utf8' });
    assert.match(found, /ssh-ed25519/);
    await describeEngine(engine());
  });

  test('a changed key is never offered for acceptance: recording it is refused and known_hosts is left byte for byte', async () => {
    const otherKey = join(sshd.dir, 'other_host_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const before = `[127.0.0.1]:${sshd.port} ${readFileSync(`${otherKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`;
    const { endpoint, env, knownHosts } = endpointWith(sshd.clientConfig({ knownHosts: before }));
    const offer = await readHostKey(endpoint, env);
    assert.equal(offer.state, 'changed');
    assert.equal(offer.fingerprint, hostKeyFingerprint);
    await assert.rejects(recordHostKey(offer, env), /has CHANGED since it was recorded/);
    // Even a caller that says the key is unknown cannot slip it past a file that knows another.
    await assert.rejects(recordHostKey({ ...offer, state: 'unknown' }, env), /gained a key for/);
    assert.equal(readFileSync(knownHosts, 'utf8'), before);
  });

  test('a known_hosts whose last line has no newline keeps that line whole', async () => {
    const { endpoint, env, knownHosts, engine } = endpointWith(sshd.clientConfig({ knownHosts: '' }));
    writeFileSync(knownHosts, 'elsewhere.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherHostKeyOtherHostKeyOtherHostKeyOth');
    await recordHostKey(await readHostKey(endpoint, env), env);
    const lines = readFileSync(knownHosts, 'utf8').split('\n');
    assert.equal(lines[0], 'elsewhere.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherHostKeyOtherHostKeyOtherHostKeyOth');
    assert.equal(lines[1], `[127.0.0.1]:${sshd.port} ${sshd.hostKey}`);
    await describeEngine(engine());
  });

  test('nothing listening: no key is offered, and the reason is given', async () => {
    const { port } = sshd;
    const endpoint = parseHost(`ssh://root@127.0.0.1:${port + 1 === 65536 ? port - 1 : port + 1}`, 'test');
    await assert.rejects(readHostKey(endpoint, { ...process.env, STOWAGE_SSH_CONFIG: sshd.clientConfig({ knownHosts: '' }) }), /presented no host key/);
  });
});
