import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeImage } from '../../src/engine/removeImage';
import { listContainers } from '../../src/engine/listContainers';
import { listImages } from '../../src/engine/listImages';
import { describeRemovalResult } from '../../src/model/describeRemovalResult';
import { planImageRemoval } from '../../src/model/planImageRemoval';
import { cleanup, runTestContainer, testEngine, uniqueName } from '../support/testEngine';
import { buildUniqueImage, imageIdOrUndefined } from '../integration/images/imagesKit';

/**
 * Defect 5: "Remove, Forcing Past Containers" on an image a running container
 * uses only untagged it, and said nothing. Against the real engine: the plan
 * predicts what the engine does, and the message comes from its answer.
 */
describe('fault: forced remove of an image in use', () => {
  const engine = testEngine();
  const ns = uniqueName('stowage-fault-rm');
  const walk2 = uniqueName('walk2');
  const stopped = uniqueName('stopped');
  const made = { containers: [walk2, stopped], images: [`${ns}/app:2.0`, `${ns}/app:3.0`] };
  let runningId = '';
  let stoppedId = '';

  before(async () => {
    runningId = await buildUniqueImage(engine, `${ns}/app:2.0`, 50_000);
    stoppedId = await buildUniqueImage(engine, `${ns}/app:3.0`, 50_001);
    made.images.push(runningId, stoppedId);
    await runTestContainer(engine, `${ns}/app:2.0`, walk2);
    const c = await runTestContainer(engine, `${ns}/app:3.0`, stopped);
    await c.stop({ t: 0 });
  });
  after(() => cleanup(engine, made));

  async function stepFor(reference: string) {
    const images = await listImages(engine);
    const image = images.find((i) => i.repoTags.includes(reference) || i.id === reference);
    assert.ok(image, reference);
    return planImageRemoval([{ reference, image }], await listContainers(engine))[0];
  }

  test('a running container: force only untags, the image stays, and the message says so', async () => {
    const step = await stepFor(`${ns}/app:2.0`);
    assert.equal(step.outcome, 'untagOnly');
    const answer = await removeImage(engine, step.reference, { force: step.force });
    assert.deepEqual(answer, { untagged: [`${ns}/app:2.0`], deleted: [] }, 'the engine only untagged');
    assert.equal(await imageIdOrUndefined(engine, runningId), runningId, 'the image is still there');
    assert.equal(describeRemovalResult(step, answer), `Untagged ${ns}/app:2.0; the image stays while container ${walk2} uses it (now <none>:<none>, ${runningId.slice(7, 19)})`);
  });

  test('by ID while a container runs from it: the engine refuses, force or not, as the plan says', async () => {
    const step = await stepFor(runningId);
    assert.equal(step.outcome, 'refused');
    await assert.rejects(removeImage(engine, runningId, { force: true }), /running container|being used|conflict/i);
    assert.equal(await imageIdOrUndefined(engine, runningId), runningId);
  });

  test('only a stopped container: force deletes the image, and the message comes from the answer', async () => {
    const step = await stepFor(`${ns}/app:3.0`);
    assert.equal(step.outcome, 'forceDelete');
    const answer = await removeImage(engine, step.reference, { force: step.force });
    assert.ok(answer.deleted.includes(stoppedId));
    assert.equal(await imageIdOrUndefined(engine, stoppedId), undefined);
    assert.equal(describeRemovalResult(step, answer), `Deleted image ${stoppedId.slice(7, 19)} (${ns}/app:3.0); container ${stopped} keeps only its ID`);
  });
});
