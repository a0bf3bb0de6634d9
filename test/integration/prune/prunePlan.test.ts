import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { preparePrune } from '../../../src/engine/prune/preparePrune';
import { describePrunePlan } from '../../../src/model/prune/describePrunePlan';
import { removePruned } from '../../../src/engine/prune/removePruned';
import { parseLabelFilter } from '../../../src/model/prune/parseLabelFilter';
import type { PruneChoice } from '../../../src/model/prune/planPrune';
import { BASE_IMAGE, TEST_LABEL, ensureBaseImage, testEngine, uniqueName } from '../../support/testEngine';

// Every object here carries this run's own label, and every prune is scoped by it:
// the engine is shared with other sessions, whose objects must never be touched.
const engine = testEngine();
const RUN_KEY = 'stowage.test.prune';
const run = uniqueName('prune');
const other = uniqueName('prune-other');
const scope = (o: Partial<PruneChoice> = {}): PruneChoice => ({ stoppedContainers: false, danglingImages: true, unusedImages: false, label: parseLabelFilter(`${RUN_KEY}=${run}`), ...o });
const made = { containers: [] as string[], images: [] as string[] };
let baseSize = 0;

/** A container of this run that wrote `bytes` bytes and exited. */
async function stoppedContainer(bytes: number, labelValue = run): Promise<string> {
  const c = await engine.api.createContainer({
    Image: BASE_IMAGE,
    name: uniqueName('prune-c'),
    Cmd: ['/bin/sh', '-c', `head -c ${bytes} /dev/urandom > /payload`],
    Labels: { [TEST_LABEL]: '1', [RUN_KEY]: labelValue },
  });
  made.containers.push(c.id);
  await c.start();
  await c.wait();
  return c.id;
}

/** A dangling image (committed without a name) of `bytes` bytes over the base, labelled `labelValue`. */
async function danglingImage(bytes: number, labelValue = run): Promise<string> {
  const c = await stoppedContainer(bytes, labelValue);
  const { Id } = (await engine.api.getContainer(c).commit({})) as { Id: string };
  made.images.push(Id);
  return Id;
}

async function exists(kind: 'image' | 'container', id: string): Promise<boolean> {
  try {
    if (kind === 'image') await engine.api.getImage(id).inspect();
    else await engine.api.getContainer(id).inspect();
    return true;
  } catch {
    return false;
  }
}

async function danglingIds(): Promise<Set<string>> {
  return new Set((await engine.api.listImages({ filters: { dangling: ['true'] } })).map((i) => i.Id));
}

before(async () => {
  await ensureBaseImage(engine);
  baseSize = (await engine.api.getImage(BASE_IMAGE).inspect()).Size;
});
after(async () => {
  for (const c of made.containers) await engine.api.getContainer(c).remove({ force: true }).catch(() => {});
  for (const i of made.images) await engine.api.getImage(i).remove({ force: true }).catch(() => {});
});

test('dangling images and stopped containers of this run go, with the bytes the plan said; other objects stay', async () => {
  const d1 = await danglingImage(100_000);
  const d2 = await danglingImage(200_000);
  const notMine = await danglingImage(50_000, other);
  const used = await danglingImage(10_000);
  const user = await engine.api.createContainer({ Image: used, name: uniqueName('prune-user'), Cmd: ['/bin/true'], Labels: { [TEST_LABEL]: '1', [RUN_KEY]: other } });
  made.containers.push(user.id);
  const stopped = await stoppedContainer(30_000);
  const othersDangling = [...(await danglingIds())].filter((id) => ![d1, d2, notMine, used].includes(id));

  const prepared = await preparePrune(engine, scope({ stoppedContainers: true }));
  assert.deepEqual(new Set(prepared.plan.images.map((i) => i.id)), new Set([d1, d2]));
  // Every container of this run that exited is stopped; only theirs are listed.
  assert.ok(prepared.plan.containers.every((c) => c.labels[RUN_KEY] === run));
  assert.ok(prepared.plan.containers.some((c) => c.id === stopped));
  assert.deepEqual(prepared.plan.keptInUse.map((k) => k.image.id), [used]);
  const sizes = await Promise.all([d1, d2].map(async (id) => (await engine.api.getImage(id).inspect()).Size));
  // Each commit adds one layer over the kept base: only those layers are freed.
  assert.equal(prepared.imageBytes, sizes[0] - baseSize + sizes[1] - baseSize);
  assert.ok(prepared.imageBytes >= 300_000, `${prepared.imageBytes}`);
  const stoppedSize = prepared.plan.containers.find((c) => c.id === stopped)!.sizeRw;
  assert.ok(stoppedSize >= 30_000, `${stoppedSize}`);

  const outcome = await removePruned(engine, prepared.plan);
  assert.deepEqual(outcome.skipped, []);
  assert.equal(outcome.reclaimedBytes, prepared.imageBytes + prepared.containerBytes);
  assert.equal(await exists('image', d1), false);
  assert.equal(await exists('image', d2), false);
  assert.equal(await exists('container', stopped), false);
  assert.equal(await exists('image', notMine), true, 'a dangling image with another label stays');
  assert.equal(await exists('image', used), true, 'an image a stopped container uses stays');
  assert.equal(await exists('container', user.id), true);
  const after = await danglingIds();
  for (const id of othersDangling) assert.ok(after.has(id), `another session's dangling image ${id} stays`);
});

test('only what was confirmed goes: an image made after, a container started after and an image removed by someone else', async () => {
  const gone = await danglingImage(1000);
  const stays = await danglingImage(2000);
  // Created, never started: stopped, as `docker container prune` counts it.
  const created = await engine.api.createContainer({ Image: BASE_IMAGE, name: uniqueName('prune-c'), Cmd: ['/bin/sleep', '3600'], Labels: { [TEST_LABEL]: '1', [RUN_KEY]: run } });
  made.containers.push(created.id);
  const toStart = created.id;
  const prepared = await preparePrune(engine, scope({ stoppedContainers: true }));
  assert.deepEqual(new Set(prepared.plan.images.map((i) => i.id)), new Set([gone, stays]));
  // Between the confirmation and the removal: someone removes one image, makes a new
  // dangling one of the same label, and starts one of the containers.
  await engine.api.getImage(gone).remove();
  const newcomer = await danglingImage(3000);
  const restarted = engine.api.getContainer(toStart);
  await restarted.start();
  assert.ok(prepared.plan.containers.some((c) => c.id === toStart));
  const outcome = await removePruned(engine, prepared.plan);
  assert.equal(await exists('image', newcomer), true, 'an image made after the confirmation is not removed');
  assert.equal(await exists('image', stays), false);
  assert.equal(await exists('container', toStart), true, 'a container started since is refused by the engine and kept');
  const reasons = Object.fromEntries(outcome.skipped.map((s) => [s.what, s.reason]));
  assert.match(reasons[`image ${gone.slice(7, 19)}`], /already gone \(removed by someone else\)/);
  assert.match(Object.values(reasons).join('\n'), /running container/i);
  assert.deepEqual(outcome.images.map((i) => i.id), [stays]);
  await restarted.kill().catch(() => {});
});

test('an image given a name after the confirmation is kept, and so is everything a choice leaves out', async () => {
  const named = await danglingImage(500);
  const prepared = await preparePrune(engine, scope());
  assert.ok(prepared.plan.images.some((i) => i.id === named));
  assert.deepEqual(prepared.plan.containers, [], 'containers are not taken unless chosen');
  const tag = `stowage-test/${uniqueName('prune-named')}:keep`;
  await engine.api.getImage(named).tag({ repo: tag.split(':')[0], tag: 'keep' });
  const outcome = await removePruned(engine, prepared.plan);
  assert.equal(await exists('image', named), true);
  assert.match(outcome.skipped.find((s) => s.what === `image ${named.slice(7, 19)}`)!.reason, new RegExp(`given ${tag} after the confirmation`));
  await engine.api.getImage(tag).remove().catch(() => {});
});

test('the confirmation lists each image with what its removal frees: its own bytes, not the base it shares', async () => {
  const image = await danglingImage(900);
  const prepared = await preparePrune(engine, scope());
  const planned = prepared.plan.images.find((i) => i.id === image);
  assert.ok(planned, 'the dangling image of this run is planned');
  // The engine's own figures (/system/df): Size counts the busybox base every test image is built on.
  assert.ok(planned.size > baseSize && planned.sharedSize >= baseSize, JSON.stringify(planned));
  const own = planned.size - planned.sharedSize;
  assert.ok(own > 0 && own < 64 * 1024, `${own} bytes of its own for a 900-byte file`);
  const detail = describePrunePlan(prepared.plan, prepared, null).detail;
  const shown = new RegExp(`${image.slice(7, 19)} \\(([^)]*)\\)`).exec(detail)?.[1];
  assert.match(shown ?? '', / of its own, .* shared with other images$/, detail);
  assert.doesNotMatch(shown ?? '', /MB of its own/, 'the base is not counted as its own');
});

test('unused tagged images of this run go name by name; one a container uses stays', async () => {
  const free = await danglingImage(700);
  const usedTagged = await danglingImage(800);
  const repo = `stowage-test/${uniqueName('prune-unused')}`;
  await engine.api.getImage(free).tag({ repo, tag: 'a' });
  await engine.api.getImage(free).tag({ repo: `${repo}-other`, tag: 'b' });
  await engine.api.getImage(usedTagged).tag({ repo, tag: 'used' });
  const user = await engine.api.createContainer({ Image: `${repo}:used`, name: uniqueName('prune-user'), Cmd: ['/bin/true'], Labels: { [TEST_LABEL]: '1' } });
  made.containers.push(user.id);
  const prepared = await preparePrune(engine, scope({ danglingImages: false, unusedImages: true }));
  const planned = prepared.plan.images.map((i) => i.id);
  assert.ok(planned.includes(free) && !planned.includes(usedTagged));
  const outcome = await removePruned(engine, prepared.plan);
  assert.equal(await exists('image', free), false, 'an image with names in two repositories goes without force');
  assert.deepEqual([...outcome.untagged].filter((t) => t.startsWith(repo)).sort(), [`${repo}-other:b`, `${repo}:a`]);
  assert.equal(await exists('image', usedTagged), true);
  await engine.api.getImage(`${repo}:used`).remove({ force: true }).catch(() => {});
});
