import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { commitContainer } from '../../src/engine/commit/commitContainer';
import { findNameOwners } from '../../src/engine/images/findNameOwners';
import { tagImage } from '../../src/engine/images/tagImage';
import { describeNameMove } from '../../src/model/describeNameMove';
import { planNameMoves } from '../../src/model/planNameMoves';
import { cleanup, runTestContainer, testEngine, uniqueName } from '../support/testEngine';
import { buildUniqueImage, docker, imageIdOrUndefined } from '../integration/images/imagesKit';

/**
 * Defect 6: tag and commit moved a name from another image without a word. The
 * engine (and `docker tag`) do move it; Stowage looks the owner up first, so the
 * question can name the image that loses the name and whether it becomes <none>.
 */
describe('fault: a name taken from another image', () => {
  const engine = testEngine();
  const ns = uniqueName('stowage-fault-tag');
  const box = uniqueName('commit-src');
  const made: { containers: string[]; images: string[] } = { containers: [box], images: [`${ns}/app:1.0`, `${ns}/app:keep`, `${ns}/app:solo`, `${ns}/app:new`, `${ns}/app:cli`] };
  let owner = '';
  let other = '';

  before(async () => {
    owner = await buildUniqueImage(engine, `${ns}/app:1.0`, 40_000);
    await engine.api.getImage(owner).tag({ repo: `${ns}/app`, tag: 'keep' });
    other = await buildUniqueImage(engine, `${ns}/app:solo`, 40_001);
    made.images.push(owner, other);
  });
  after(() => cleanup(engine, made));

  test('the lookup names each owner with all its names; the plan says who keeps what', async () => {
    const names = [`${ns}/app:1.0`, `${ns}/app:new`, `docker.io/${ns}/app:solo`];
    const owners = await findNameOwners(engine, names);
    assert.deepEqual(
      owners.map((o) => [o.name, o.imageId, [...o.repoTags].sort()]),
      [
        [`${ns}/app:1.0`, owner, [`${ns}/app:1.0`, `${ns}/app:keep`]],
        [`docker.io/${ns}/app:solo`, other, [`${ns}/app:solo`]],
      ],
    );
    const target = (await engine.api.getImage('stowage-test/busybox:latest').inspect()).Id;
    const plan = planNameMoves(target, names, owners);
    assert.deepEqual(plan.fresh, [`${ns}/app:new`]);
    assert.deepEqual(plan.moves.map(describeNameMove), [
      `${ns}/app:1.0 now names image ${owner.slice(7, 19)}, which loses it and keeps ${ns}/app:keep.`,
      `docker.io/${ns}/app:solo now names image ${other.slice(7, 19)}, which loses it and becomes <none>:<none> (it has no other name).`,
    ]);
  });

  test('the reference tool moves a name silently; Stowage\'s tag refuses to unless told, and moves it when told', async () => {
    await docker(['tag', owner, `${ns}/app:cli`]);
    await docker(['tag', other, `${ns}/app:cli`]);
    assert.equal(await imageIdOrUndefined(engine, `${ns}/app:cli`), other, 'docker tag moved it without a word');

    await assert.rejects(tagImage(engine, other, `${ns}/app:1.0`), (e: Error & { kind?: string }) => e.kind === 'conflict');
    assert.equal(await imageIdOrUndefined(engine, `${ns}/app:1.0`), owner, 'nothing moved');
    await tagImage(engine, other, `${ns}/app:1.0`, { replace: true });
    assert.equal(await imageIdOrUndefined(engine, `${ns}/app:1.0`), other);
  });

  test('commit to a name another image has: the engine moves it, so the lookup must come first', async () => {
    await runTestContainer(engine, `${ns}/app:solo`, box);
    const [found] = await findNameOwners(engine, [`${ns}/app:keep`]);
    assert.equal(found.imageId, owner);
    const plan = planNameMoves('', [`${ns}/app:keep`], [found]);
    assert.deepEqual(plan.moves[0].keeps, [], `${ns}/app:1.0 moved in the previous test, so keep is its last name`);
    const id = await commitContainer(engine, box, { repository: `${ns}/app`, tag: 'keep', pause: false });
    made.images.push(id);
    assert.equal(await imageIdOrUndefined(engine, `${ns}/app:keep`), id, 'the engine moved the name');
    assert.deepEqual((await engine.api.getImage(owner).inspect()).RepoTags, [], 'and the old image became <none>, as the question said');
  });
});
