import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostKeyOffer } from '../../../src/engine/ssh/HostKeyOffer';
import { describeHostKeyOffer } from '../../../src/model/describeHostKeyOffer';

const offer = (state: HostKeyOffer['state'], keyType = 'ssh-ed25519'): HostKeyOffer => ({
  url: 'ssh://me@build.example:2222',
  knownHostsName: '[build.example]:2222',
  keyType,
  key: 'AAAAC3NzaC1lZDI1NTE5AAAAIB',
  fingerprint: 'SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  state,
  knownHostsFile: '/home/me/.ssh/known_hosts',
  hashNames: true,
});

test('an unknown key is asked about in ssh\'s words, with its kind, fingerprint and where it will be recorded', () => {
  const { message, detail } = describeHostKeyOffer(offer('unknown'));
  assert.equal(message, "The authenticity of host '[build.example]:2222' can't be established.");
  assert.match(detail, /^ED25519 key fingerprint is SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\./);
  assert.match(detail, /records the key in \/home\/me\/\.ssh\/known_hosts/);
});

test('a changed key is a warning that says it is not replaced and how to remove the old one', () => {
  const { message, detail } = describeHostKeyOffer(offer('changed', 'ecdsa-sha2-nistp256'));
  assert.match(message, /has CHANGED since it was recorded in \/home\/me\/\.ssh\/known_hosts/);
  assert.match(detail, /ECDSA key with fingerprint SHA256:/);
  assert.match(detail, /does not replace a recorded key/);
  assert.match(detail, /ssh-keygen -R '\[build\.example\]:2222'/);
});

test('RSA keys are named as ssh names them', () => {
  assert.match(describeHostKeyOffer(offer('unknown', 'ssh-rsa')).detail, /^RSA key fingerprint/);
});
