import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { containerAction } from '../../../src/engine/containerAction';
import { EngineError } from '../../../src/engine/EngineError';
import { InputError } from '../../../src/engine/images/InputError';
import { renameContainer } from '../../../src/engine/renameContainer';
import { BASE_IMAGE, cleanup, ensureBaseImage, runTestContainer, testEngine, uniqueName } from '../../support/testEngine';

const engine = testEngine();
const a = uniqueName('pr-a');
const b = uniqueName('pr-b');
const renamed = uniqueName('pr-renamed');
before(() => ensureBaseImage(engine));
after(() => cleanup(engine, { containers: [a, b, renamed] }));

test('pause and unpause a running container', async () => {
  const c = await runTestContainer(engine, BASE_IMAGE, a);
  await containerAction(engine, c.id, 'pause');
  assert.equal((await c.inspect()).State.Status, 'paused');
  await containerAction(engine, c.id, 'unpause');
  assert.equal((await c.inspect()).State.Status, 'running');
});

test('rename: a bad name is refused before the engine is asked; a taken one by the engine; a good one applies', async () => {
  const c = await runTestContainer(engine, BASE_IMAGE, b);
  await assert.rejects(renameContainer(engine, c.id, 'bad name'), InputError);
  await assert.rejects(renameContainer(engine, c.id, a), (err: unknown) => err instanceof EngineError && err.kind === 'conflict');
  assert.equal(await renameContainer(engine, c.id, renamed), renamed);
  assert.equal((await c.inspect()).Name, `/${renamed}`);
});
