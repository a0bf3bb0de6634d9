import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listContainers } from '../../../src/engine/listContainers';
import { groupByCompose } from '../../../src/model/groupByCompose';
import { BASE_IMAGE, TEST_LABEL, cleanup, ensureBaseImage, testEngine, uniqueName } from '../../support/testEngine';

const engine = testEngine();
const project = uniqueName('composeproj');
const names = ['web-1', 'web-2', 'db-1'].map((s) => `${project}-${s}`);

before(() => ensureBaseImage(engine));
after(() => cleanup(engine, { containers: names }));

test('containers labelled as Compose labels them come out of the real engine grouped under their project', async () => {
  for (const name of names) {
    const [service, n] = name.slice(project.length + 1).split('-');
    const created = await engine.api.createContainer({
      Image: BASE_IMAGE,
      name,
      Cmd: ['/bin/sleep', '3600'],
      Labels: { [TEST_LABEL]: '1', 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': n },
    });
    if (service === 'web') await created.start();
  }
  const grouped = groupByCompose(await listContainers(engine));
  const mine = grouped.projects.find((p) => p.project === project);
  assert.ok(mine, 'the project is a group');
  assert.deepEqual(mine.containers.map((c) => c.name), [`${project}-db-1`, `${project}-web-1`, `${project}-web-2`]);
  assert.equal(mine.running, 2);
  assert.ok(!grouped.others.some((c) => names.includes(c.name)));
});
