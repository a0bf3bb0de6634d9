import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../../src/engine/Engine';
import { EngineError } from '../../../src/engine/EngineError';
import { containerChanges } from '../../../src/engine/containerChanges';
import { describeEngine } from '../../../src/engine/describeEngine';
import { execShell } from '../../../src/engine/execShell';
import { imageHistory } from '../../../src/engine/imageHistory';
import { inspectImage } from '../../../src/engine/inspectImage';
import { listContainers } from '../../../src/engine/listContainers';
import { listImages } from '../../../src/engine/listImages';
import { removeImage } from '../../../src/engine/removeImage';
import { readImageExport } from '../../../src/engine/layers/readImageExport';
import { readWritableLayer } from '../../../src/engine/containers/readWritableLayer';
import { statContainerPath } from '../../../src/engine/containers/openContainerArchive';
import { readContainerFile } from '../../../src/engine/containers/readContainerFile';
import { kindsForEvent } from '../../../src/session/kindsForEvent';
import { watchEvents, type ConnectionState } from '../../../src/engine/watchEvents';
import type { EngineEvent } from '../../../src/engine/types';
import { describeLayers } from '../../../src/model/describeLayers';
import { TEST_LABEL, buildBusyboxImage, cleanup, ensureBaseImage, runTestContainer, testEngine, uniqueName } from '../../support/testEngine';

describe('engine layer against a real engine', () => {
  const lines: string[] = [];
  const engine = testEngine((l) => lines.push(l));
  const repo = `stowage-it/${uniqueName('app')}`;
  const containerName = uniqueName('it-c');
  const createdName = uniqueName('it-created');
  const made = { containers: [containerName, createdName], images: [`${repo}:v1`, `${repo}:v2`, `${repo}:solo`] };

  before(async () => {
    await ensureBaseImage(engine);
    await buildBusyboxImage(engine, `${repo}:v1`, { base: 'stowage-test/busybox:latest', extra: ['RUN echo data > /data.txt', 'ENV MODE=test', 'CMD ["/bin/sh"]'] });
    await engine.api.getImage(`${repo}:v1`).tag({ repo, tag: 'v2' });
  });
  after(() => cleanup(engine, made));

  test('listImages shows both names of the image and every call is logged', async () => {
    const images = await listImages(engine);
    const mine = images.find((i) => i.repoTags.includes(`${repo}:v1`));
    assert.ok(mine, 'the built image is listed');
    assert.deepEqual([...mine.repoTags].sort(), [`${repo}:v1`, `${repo}:v2`]);
    assert.ok(lines.some((l) => /^GET \/images\/json → ok \(\d+ ms\)$/.test(l)), `log lines: ${lines.join(' | ')}`);
  });

  test('intermediate build images are not listed as untagged images', async () => {
    const all = await engine.call('list all images', (d) => d.listImages({ all: true }));
    const top = await listImages(engine);
    const topIds = new Set(top.map((i) => i.id));
    const mineInfo = await inspectImage(engine, `${repo}:v1`);
    assert.ok(mineInfo.Parent, 'the classic builder leaves a parent (intermediate) image');
    assert.ok(all.some((i) => i.Id === mineInfo.Parent), 'the engine has the intermediate image');
    assert.ok(!topIds.has(mineInfo.Parent), 'but listImages leaves it out');
  });

  test('history and rootfs give layers newest first, with empty layers and the base image boundary', async () => {
    const history = await imageHistory(engine, `${repo}:v1`);
    const info = await inspectImage(engine, `${repo}:v1`);
    const rows = describeLayers(history, info.RootFS.Layers ?? [], [`${repo}:v1`, `${repo}:v2`]);
    // The builder records the build's labels as a last, empty step.
    assert.equal(rows[0].instruction, 'LABEL stowage.test=1');
    assert.ok(rows.slice(0, 3).every((r) => r.empty), 'LABEL, CMD and ENV add no filesystem layer');
    assert.ok(rows.some((r) => r.instruction === 'ENV MODE=test' && r.empty));
    assert.ok(rows.some((r) => r.instruction === 'RUN echo data > /data.txt' && !r.empty && r.diffId));
    const baseId = (await inspectImage(engine, 'stowage-test/busybox:latest')).Id;
    const boundary = rows.find((r) => r.baseImage);
    assert.ok(boundary, 'the base image boundary is marked');
    assert.equal(boundary.imageId, baseId, 'at the top layer of the busybox base');
    assert.equal(rows.filter((r) => r.diffId).length, info.RootFS.Layers!.length);
  });

  test('a container lists with its image and state, and its writable layer shows what it changed', async () => {
    const c = await runTestContainer(engine, `${repo}:v1`, containerName);
    const exec = await c.exec({ Cmd: ['/bin/sh', '-c', 'mkdir -p /data/html && echo hi > /data/html/index.html && rm /data.txt'], AttachStdout: true });
    const s = await exec.start({});
    await new Promise((r) => { s.on('end', r); s.resume(); });
    const listed = (await listContainers(engine)).find((x) => x.name === containerName);
    assert.ok(listed);
    assert.equal(listed.state, 'running');
    assert.equal(listed.image, `${repo}:v1`);
    const changes = await containerChanges(engine, containerName);
    assert.deepEqual(
      changes.filter((ch) => ch.path.startsWith('/data')).map((ch) => `${ch.kind} ${ch.path}`),
      ['added /data', 'deleted /data.txt', 'added /data/html', 'added /data/html/index.html'],
    );
  });

  test('a container created and never started has no changes (the engine answers `null`, which dockerode hands over as raw bytes)', async () => {
    await engine.api.createContainer({ Image: `${repo}:v1`, name: createdName, Labels: { [TEST_LABEL]: '1' } });
    assert.deepEqual(await containerChanges(engine, createdName), []);
  });

  test('an interactive shell runs through exec with a TTY and resizes', async () => {
    const shell = await execShell(engine, containerName, ['/bin/sh'], { columns: 77, rows: 21 });
    let out = '';
    shell.stream.on('data', (d: Buffer) => (out += d.toString()));
    shell.stream.write('stty size; echo marker-$((6*7)); exit 3\n');
    await new Promise((r) => shell.stream.on('end', r));
    assert.match(out, /21 77/);
    assert.match(out, /marker-42/);
    assert.equal(await shell.exitCode(), 3);
  });

  test('removing a shared name only untags; the last name deletes; a container in the way is a conflict', async () => {
    await engine.api.getImage(`${repo}:v1`).tag({ repo, tag: 'solo' });
    const untag = await removeImage(engine, `${repo}:v2`);
    assert.deepEqual(untag, { untagged: [`${repo}:v2`], deleted: [] });
    await removeImage(engine, `${repo}:solo`);
    // v1 is the last name, and the running container uses it.
    await assert.rejects(removeImage(engine, `${repo}:v1`), (err: EngineError) => {
      assert.equal(err.kind, 'conflict');
      assert.match(err.message, /^Could not remove image .*:v1: conflict: .*(must force|being used|running container)/);
      return true;
    });
  });

  test('an unknown image is a readable not-found error, not a stack trace', async () => {
    await assert.rejects(inspectImage(engine, 'stowage-it/does-not-exist:nope'), (err: EngineError) => {
      assert.equal(err.name, 'EngineError');
      assert.equal(err.kind, 'notFound');
      assert.equal(err.message, 'Could not inspect image stowage-it/does-not-exist:nope: no such image: stowage-it/does-not-exist:nope');
      return true;
    });
  });

  test('describeEngine reports the endpoint, versions and storage driver', async () => {
    const d = await describeEngine(engine);
    assert.equal(d.endpoint, engine.endpoint.url);
    assert.match(d.apiVersion, /^1\.\d+$/);
    assert.ok(['overlay2', 'aufs', 'btrfs', 'devicemapper', 'vfs', 'zfs', 'fuse-overlayfs'].includes(d.storageDriver), d.storageDriver);
    assert.ok(d.images > 0);
  });

  test('the event stream reports tags as they happen', async () => {
    const events: EngineEvent[] = [];
    const states: ConnectionState[] = [];
    let sawTag!: () => void;
    const tagged = new Promise<void>((r) => (sawTag = r));
    const watch = watchEvents(engine, (e) => { events.push(e); if (e.type === 'image' && e.action === 'tag') sawTag(); }, (s) => states.push(s));
    try {
      await waitFor(() => states.some((s) => s.up), 'the event stream to open');
      await engine.api.getImage(`${repo}:v1`).tag({ repo, tag: 'evt' });
      made.images.push(`${repo}:evt`);
      await tagged;
      assert.ok(events.some((e) => e.type === 'image' && e.action === 'tag'));
    } finally {
      watch.dispose();
    }
  });

  test("the engine's events for Stowage's own reads (layers exported, container files stat'ed and read) make no view stale", async () => {
    const events: EngineEvent[] = [];
    const states: ConnectionState[] = [];
    const marker = `${repo}:after-reads`;
    let sawMarker!: () => void;
    const marked = new Promise<void>((r) => (sawMarker = r));
    let readsDone = false;
    const watch = watchEvents(engine, (e) => { events.push(e); if (readsDone && e.type === 'image' && e.action === 'tag') sawMarker(); }, (s) => states.push(s));
    const reader = uniqueName('it-reads');
    made.containers.push(reader);
    try {
      await waitFor(() => states.some((s) => s.up), 'the event stream to open');
      await runTestContainer(engine, `${repo}:v1`, reader);
      await engine.api.getContainer(reader).exec({ Cmd: ['/bin/sh', '-c', 'echo x > /written.txt'] }).then((x) => x.start({})).then((s) => new Promise((r) => { s.on('end', r); s.resume(); }));
      await waitFor(() => events.some((e) => e.action.startsWith('exec_die')), "the exec's end");
      const seen = events.length;
      await readImageExport(engine, `${repo}:v1`);
      const files = await readWritableLayer(engine, reader);
      assert.ok(files.some((f) => f.path === 'written.txt'), `the writable layer: ${files.map((f) => f.path).join(', ')}`);
      await statContainerPath(engine, reader, '/data.txt');
      assert.equal((await readContainerFile(engine, reader, '/written.txt')).toString(), 'x\n');
      // A tag after the reads: the engine sends events in order, so every read's event is in by then.
      readsDone = true;
      await engine.api.getImage(`${repo}:v1`).tag({ repo, tag: 'after-reads' });
      made.images.push(marker);
      await marked;
      const reads = events.slice(seen, events.findIndex((e, i) => i >= seen && e.type === 'image' && e.action === 'tag'));
      const actions = reads.map((e) => `${e.type} ${e.action}`);
      assert.ok(actions.includes('image save'), `the export was seen: ${actions.join(', ')}`);
      assert.ok(actions.includes('container archive-path'), `the archive reads were seen: ${actions.join(', ')}`);
      assert.deepEqual(reads.filter((e) => kindsForEvent(e).length > 0).map((e) => `${e.type} ${e.action}`), [], 'no read makes a view stale');
      // The exec that wrote a file and the tag do.
      assert.deepEqual(kindsForEvent(events.find((e) => e.action.startsWith('exec_die'))!), ['containers']);
      assert.deepEqual(kindsForEvent({ type: 'image', action: 'tag', id: '', time: 0 }), ['images']);
    } finally {
      watch.dispose();
    }
  });

  test('an engine that is not there is reported down with its endpoint, then retried', async () => {
    const gone = new Engine({ url: 'unix:///tmp/stowage-no-engine.sock', kind: 'unix', socketPath: '/tmp/stowage-no-engine.sock', source: 'test' });
    const states: ConnectionState[] = [];
    const watch = watchEvents(gone, () => {}, (s) => states.push(s));
    try {
      await waitFor(() => states.length >= 2, 'two reports of the engine being down (first try and one retry)');
      const first = states[0];
      assert.equal(first.up, false);
      assert.match((first as { error: Error }).error.message, /^Docker engine not reachable at unix:\/\/\/tmp\/stowage-no-engine\.sock: there is no socket there/);
    } finally {
      watch.dispose();
    }
  });
});

async function waitFor(cond: () => boolean, what: string, ms = 15000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
