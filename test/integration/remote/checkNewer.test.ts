import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNewer } from '../../../src/engine/registry/remote/checkNewer';
import { listImages } from '../../../src/engine/listImages';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { testEngine } from '../../support/testEngine';
import { uniqueImage } from '../registry/registryTestKit';
import { account, pushedRepository } from './remoteKit';

const engine = testEngine();

async function localTag(reference: string) {
  const image = (await listImages(engine)).find((i) => i.repoTags.includes(reference));
  assert.ok(image, `${reference} is not a local tag`);
  return { reference, image };
}

test('newer on the registry: same after the push; newer once another image is pushed under the tag; unknown when never pushed; one HEAD each', async () => {
  const repo = await pushedRepository(engine, ['1.4', 'keep'], 'newer');
  const ref = `${repo.repository}:1.4`;
  const lines: string[] = [];
  let newId: string | undefined;
  try {
    const first = await localTag(ref);
    const [same] = await checkNewer([first], { credentials: repo.cfg.options, log: (l) => lines.push(l) });
    assert.equal(same.result.state, 'same');
    // Another image pushed under 1.4 (as from another machine); the local 1.4 then put back on the old image.
    const oldId = first.image.id;
    newId = await uniqueImage(engine, repo.repository, '1.4', 0);
    await pushImage(engine, ref, { credentials: repo.cfg.options });
    await engine.api.getImage(oldId).tag({ repo: repo.repository, tag: '1.4' });
    const local = await localTag(ref);
    assert.equal(local.image.id, oldId);
    const neverPushed = `${account.registry}/s9reg/never-pushed:1`;
    await engine.api.getImage(oldId).tag({ repo: `${account.registry}/s9reg/never-pushed`, tag: '1' });
    lines.length = 0;
    const results = await checkNewer([local, await localTag(`${repo.repository}:keep`), await localTag(neverPushed)], { credentials: repo.cfg.options, log: (l) => lines.push(l) });
    assert.deepEqual(results.map((r) => [r.reference, r.result.state]), [[ref, 'newer'], [`${repo.repository}:keep`, 'same'], [neverPushed, 'unknown']]);
    // Only HEADs, one per checked tag (plus the 401 that tells the client how to authenticate).
    assert.deepEqual(lines.filter((l) => !l.endsWith('401')).map((l) => l.split(' ')[0]), ['HEAD', 'HEAD']);
    await engine.api.getImage(neverPushed).remove().catch(() => {});
  } finally {
    await repo.remove();
    if (newId) await engine.api.getImage(newId).remove({ force: true }).catch(() => {});
  }
});

test('checking 12 tags on a fresh client: exactly 12 HEADs, all answered 200; the challenge is met by the version check, not by a refused HEAD', async () => {
  const tags = Array.from({ length: 12 }, (_, i) => `t${i}`);
  const repo = await pushedRepository(engine, tags, 'heads');
  try {
    const checks = await Promise.all(tags.map((t) => localTag(`${repo.repository}:${t}`)));
    const lines: string[] = [];
    const results = await checkNewer(checks, { credentials: repo.cfg.options, concurrency: 8, log: (l) => lines.push(l) });
    assert.deepEqual(results.map((r) => r.result.state), tags.map(() => 'same'));
    assert.deepEqual(lines.filter((l) => !l.startsWith('HEAD')), ['GET /v2/ → 401']);
    assert.equal(lines.filter((l) => l.startsWith('HEAD')).length, 12, lines.join('\n'));
    assert.ok(lines.filter((l) => l.startsWith('HEAD')).every((l) => l.endsWith('→ 200')), lines.join('\n'));
  } finally {
    await repo.remove();
  }
});
