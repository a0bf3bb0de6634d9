import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repoRoot';

// Issue 9, defect 16: with no `capabilities.untrustedWorkspaces`, VS Code turned all of
// Stowage off in an untrusted workspace. What the manifest must declare for Restricted Mode
// (the behaviour itself is checked in test/e2e/restrictedMode).

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: unknown; restrictedConfigurations?: unknown } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as Manifest;

describe('package.json in Restricted Mode', () => {
  it('declares limited support, with a description of what works', () => {
    const u = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(u?.supported, 'limited');
    assert.ok(typeof u?.description === 'string' && /reference/i.test(u.description) && /engine/i.test(u.description), `description: ${String(u?.description)}`);
  });

  it('lets no workspace setting choose the engine, and ignores a workspace\'s shell command until trusted', () => {
    const props = manifest.contributes.configuration.properties;
    // Machine-scoped settings are read from user (or remote machine) settings only, never a workspace's.
    assert.equal(props['stowage.dockerHost'].scope, 'machine');
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ['stowage.containerShell']);
  });
});
