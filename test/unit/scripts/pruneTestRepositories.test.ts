import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// out/test/unit/scripts → the checkout's scripts/
const SCRIPT = resolve(__dirname, '../../../../scripts/prune-test-repositories.mjs');

/** A repository folder as the registry stores one (what makes it a repository is `_manifests`). */
function repository(root: string, name: string): string {
  const dir = join(root, 'docker/registry/v2/repositories', name);
  mkdirSync(join(dir, '_manifests/tags'), { recursive: true });
  return dir;
}

const made = (msAgo: number) => (Date.now() - msAgo).toString(36);

test('only test-made repositories older than the limit are removed, and namespaces left empty with them', () => {
  const root = mkdtempSync(join(tmpdir(), 'stowage-prune-repos-'));
  try {
    const old = repository(root, `stowage-test/push-123-${made(7 * 3600_000)}-ab1`);
    const oldNested = repository(root, `only-old/deeper/e2e-9-${made(30 * 3600_000)}-z`);
    const recent = repository(root, `stowage-test/push-124-${made(3600_000)}-cd2`);
    const users = repository(root, 'library/busybox');
    const lookalike = repository(root, 'team/app-1-notatime-x');
    const out = execFileSync(process.execPath, [SCRIPT, root, '6'], { encoding: 'utf8' });
    assert.match(out, /2 repositories left by test runs over 6 h ago removed/);
    assert.equal(existsSync(old), false);
    assert.equal(existsSync(oldNested), false);
    assert.equal(existsSync(join(root, 'docker/registry/v2/repositories/only-old')), false, 'namespaces left empty go too');
    assert.equal(existsSync(join(root, 'docker/registry/v2/repositories/stowage-test')), true);
    assert.equal(existsSync(recent), true, 'a run may still be using a recent name');
    assert.equal(existsSync(users), true);
    assert.equal(existsSync(lookalike), true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a registry with no repositories yet, or no data folder at all, is fine', () => {
  const root = mkdtempSync(join(tmpdir(), 'stowage-prune-repos-'));
  try {
    assert.match(execFileSync(process.execPath, [SCRIPT, join(root, 'missing')], { encoding: 'utf8' }), /0 repositories/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
