import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/engine/Engine';
import { EngineError } from '../../src/engine/EngineError';
import { saveImages } from '../../src/engine/images/saveImages';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { buildUniqueImage } from '../integration/images/imagesKit';
import { cleanup, ensureBaseImage, testEngine, uniqueName } from '../support/testEngine';
import { startEngineProxy, type EngineProxy } from './support/engineProxy';

// Issue 9, defect 10 (second half): when the engine connection dropped in the middle
// of a save, the message blamed the file ("Could not save to …: ECONNRESET"). The
// real engine answers through a proxy on a unix socket that cuts the archive
// stream after 64 KiB, as an engine that dies mid-save does.

const engine = testEngine();
const ref = `${uniqueName('stowage-fault-drop')}/img:v1`;
const dir = mkdtempSync(join(tmpdir(), 'stowage-fault-drop-'));
let proxy: EngineProxy;

before(async () => {
  await ensureBaseImage(engine);
  await buildUniqueImage(engine, ref, 1024 * 1024);
  proxy = await startEngineProxy({ match: /^GET \/[^ ]*images\/get/, afterBytes: 64 * 1024, fault: 'drop' });
});
after(async () => {
  await proxy?.close();
  await cleanup(engine, { images: [ref] });
  rmSync(dir, { recursive: true, force: true });
});

test('the engine connection dropping mid-save says so, names the engine, and leaves nothing', async () => {
  const throughProxy = new Engine(resolveEndpoint({ env: { DOCKER_HOST: `unix://${proxy.socketPath}` } }));
  const existing = join(dir, 'existing.tar');
  writeFileSync(existing, 'what the user had');
  const fresh = join(dir, 'fresh.tar.gz');
  for (const path of [fresh, existing]) {
    await assert.rejects(saveImages(throughProxy, [ref], path), (err: unknown) => {
      assert.ok(err instanceof EngineError, String(err));
      assert.match(err.message, new RegExp(`^Could not save ${ref} to ${path.replace(/[.]/g, '\\.')}: the connection to the engine at unix://${proxy.socketPath.replace(/[.]/g, '\\.')} dropped in the middle of the archive \\((ECONNRESET|aborted)\\)\\. Nothing was written\\.$`));
      assert.doesNotMatch(err.message, /Could not save to/);
      assert.equal(err.kind, 'unreachable');
      return true;
    });
  }
  await proxy.faulted;
  assert.equal(existsSync(fresh), false);
  assert.equal(readFileSync(existing, 'utf8'), 'what the user had');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.partial')), [], 'no temporary file left');
});
