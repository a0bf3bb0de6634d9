/**
 * The engine bundle as the extension loads it (dist/engine.js, which
 * scripts/test.sh builds before the tests): dockerode inside it works against
 * the real engine, and its BuildKit session module, with gRPC, is left out
 * (src/engine/withoutBuildSession.ts stands in for it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as EngineModule from '../../../src/engine';
import { repoRoot } from '../../support/repoRoot';

const bundlePath = join(repoRoot(), 'dist', 'engine.js');

function loadBundle(): typeof EngineModule {
  assert.ok(existsSync(bundlePath), `${bundlePath} is missing: build it with node esbuild.mjs`);
  return require(bundlePath) as typeof EngineModule;
}

test('the engine bundle carries no gRPC: the session module is replaced by the stand-in', () => {
  const text = readFileSync(bundlePath, 'utf8');
  assert.equal(text.includes('ServerCredentials'), false, 'no @grpc/grpc-js server in the bundle');
  assert.equal(text.includes('proto-loader'), false, 'no @grpc/proto-loader in the bundle');
  assert.ok(text.includes('BuildKit sessions (buildImage with version'), 'the stand-in is bundled');
});

test('dockerode from the bundle talks to the engine, and a BuildKit build fails with the stand-in error before reaching the engine', async () => {
  const shipped = loadBundle();
  const engine = new shipped.Engine(shipped.resolveEndpoint({ env: process.env }));
  const version = await engine.api.version();
  assert.match(version.ApiVersion, /^1\.\d+$/, 'the engine answers through the bundled dockerode');
  assert.ok(Array.isArray(await shipped.listImages(engine)), 'the engine layer from the bundle lists images');

  const dir = mkdtempSync(join(tmpdir(), 'stowage-bundle-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    await assert.rejects(
      engine.api.buildImage({ context: dir, src: ['Dockerfile'] }, { t: 'stowage-it/never-built:v1', version: '2' }),
      /BuildKit sessions \(buildImage with version "2"\) are not part of Stowage/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const built = await engine.api.getImage('stowage-it/never-built:v1').inspect().then(() => true, () => false);
  assert.equal(built, false, 'nothing was built');
});
