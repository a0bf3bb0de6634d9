import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/engine/Engine';
import { EngineError } from '../../src/engine/EngineError';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { transferImage } from '../../src/engine/transfer/transferImage';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../support/secondEngine';
import { cleanup, testEngine, uniqueName } from '../support/testEngine';
import { startEngineProxy, type EngineProxy } from './support/engineProxy';

// A transfer whose source connection is cut in the middle of the export: the message
// names the source engine and the drop, and the target keeps nothing of it.

const main = testEngine();
const tag = `stowage-test/${uniqueName('xfer-drop')}:v1`;
let second: SecondEngine;
let proxy: EngineProxy;

before(async () => {
  await buildScratchImage(main, tag, 8 * 1024 * 1024);
  second = await startSecondEngine('xferdrop');
  proxy = await startEngineProxy({ match: /^GET \/[^ ]*images\/get/, afterBytes: 2 * 1024 * 1024, fault: 'drop' });
});
after(async () => {
  await proxy?.close();
  await cleanup(main, { images: [tag] });
  await second?.remove();
});

test('the source connection dropping mid-transfer says so, and the target is as it was', async () => {
  const source = new Engine(resolveEndpoint({ env: { DOCKER_HOST: `unix://${proxy.socketPath}` } }));
  const target = second.engine();
  const before = (await target.api.listImages({ all: true })).map((i) => i.Id).sort();
  const err = await transferImage(source, target, tag).catch((e: unknown) => e);
  assert.ok(err instanceof EngineError, String(err));
  assert.match(err.message, new RegExp(`^Could not copy ${tag.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} from unix://${proxy.socketPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} to .*: the connection to the source engine at unix://.* dropped in the middle of the archive \\((ECONNRESET|EPIPE)\\)|the source engine's archive ended at byte \\d+ before tar's end marker`));
  assert.match(err.message, /Nothing was added to the target\.$/);
  assert.deepEqual((await target.api.listImages({ all: true })).map((i) => i.Id).sort(), before);
  await assert.rejects(target.api.getImage(tag).inspect(), /no such image/i);
});
