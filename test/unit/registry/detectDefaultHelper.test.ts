import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectDefaultHelper } from '../../../src/engine/credentials/detectDefaultHelper';
import { helperForRegistry } from '../../../src/engine/credentials/helperForRegistry';

/** A PATH of one folder holding empty executables with these names. */
function pathWith(...programs: string[]): { env: NodeJS.ProcessEnv; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-path-'));
  for (const p of programs) {
    writeFileSync(join(dir, p), '#!/bin/sh\n');
    chmodSync(join(dir, p), 0o755);
  }
  return { env: { PATH: dir }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('Linux: pass when `pass` is installed, else secretservice; only if its docker-credential helper is there too', () => {
  const cases: Array<[string[], string | undefined]> = [
    [['pass', 'docker-credential-pass', 'docker-credential-secretservice'], 'pass'],
    [['docker-credential-secretservice'], 'secretservice'],
    // As the CLI: `pass` picks pass, and without its helper there is no fallback.
    [['pass', 'docker-credential-secretservice'], undefined],
    [[], undefined],
  ];
  for (const [programs, expected] of cases) {
    const p = pathWith(...programs);
    try {
      assert.equal(detectDefaultHelper(p.env, 'linux'), expected, programs.join(' '));
    } finally {
      p.remove();
    }
  }
});

test('macOS: osxkeychain when its helper is installed', () => {
  const p = pathWith('docker-credential-osxkeychain');
  try {
    assert.equal(detectDefaultHelper(p.env, 'darwin'), 'osxkeychain');
  } finally {
    p.remove();
  }
});

test('the default helper applies only to a config.json with no login at all', () => {
  const p = pathWith('pass', 'docker-credential-pass');
  try {
    assert.deepEqual(helperForRegistry({}, '127.0.0.1:5000', p.env), { name: 'pass', detected: true });
    assert.deepEqual(helperForRegistry({ psFormat: 'x', auths: {} }, '127.0.0.1:5000', p.env), { name: 'pass', detected: true });
    assert.equal(helperForRegistry({ auths: { 'other:5000': { auth: 'eDp5' } } }, '127.0.0.1:5000', p.env), undefined);
    assert.equal(helperForRegistry({ credHelpers: { 'other:5000': 'ecr-login' } }, '127.0.0.1:5000', p.env), undefined);
    assert.deepEqual(helperForRegistry({ credsStore: 'secretservice' }, '127.0.0.1:5000', p.env), { name: 'secretservice', detected: false });
  } finally {
    p.remove();
  }
});
