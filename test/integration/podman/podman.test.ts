import { after, before, describe, test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../src/engine/Engine';
import type { EngineError } from '../../../src/engine/EngineError';
import { parseHost } from '../../../src/engine/resolveEndpoint';
import { commitContainer } from '../../../src/engine/commit/commitContainer';
import { containerChanges } from '../../../src/engine/containerChanges';
import { describeEngine } from '../../../src/engine/describeEngine';
import { execShell } from '../../../src/engine/execShell';
import { imageHistory } from '../../../src/engine/imageHistory';
import { inspectImage } from '../../../src/engine/inspectImage';
import { isPodman } from '../../../src/engine/isPodman';
import { listContainers } from '../../../src/engine/listContainers';
import { listImages } from '../../../src/engine/listImages';
import { removeImage } from '../../../src/engine/removeImage';
import { loadImages } from '../../../src/engine/images/loadImages';
import { saveImages } from '../../../src/engine/images/saveImages';
import { tagImage } from '../../../src/engine/images/tagImage';
import { watchEvents, type ConnectionState } from '../../../src/engine/watchEvents';
import type { EngineEvent } from '../../../src/engine/types';
import { describeLayers } from '../../../src/model/describeLayers';
import { BASE_IMAGE, buildBusyboxImage, cleanup, ensureBaseImage, runTestContainer, testEngine, uniqueName } from '../../support/testEngine';

/**
 * The product promises that a Podman socket speaking the Docker API works as a Docker
 * engine does. This drives Stowage's engine layer against a real Podman (Debian's
 * package, started by scripts/start-podman.sh) the way foundation.test.ts drives it
 * against dockerd. Where Podman's API genuinely differs and Stowage cannot make up
 * for it, the test says so and asserts what Podman does, so a change shows up here.
 */
const SOCKET_URL = 'unix:///run/stowage-podman/podman.sock';

describe('engine layer against Podman', () => {
  const lines: string[] = [];
  const podman = new Engine(parseHost(SOCKET_URL, 'setting'), (l) => lines.push(l));
  const docker = testEngine();
  const repo = `stowage-pm/${uniqueName('app')}`;
  const containerName = uniqueName('pm-c');
  const eventContainer = uniqueName('pm-evt');
  const moved = `stowage-pm/${uniqueName('moved')}`;
  const made = {
    containers: [containerName, eventContainer],
    images: [`${repo}:v1`, `${repo}:v2`, `${repo}:solo`, `${repo}:child`, `${repo}:evt`, `${repo}:committed`, `localhost/${moved}:a`, `localhost/${moved}:b`],
  };
  const madeInDocker = { images: [`${moved}:a`, `${moved}:b`, `${repo}:v1`] };
  const dir = mkdtempSync(join(tmpdir(), 'stowage-podman-'));
  let imagesBefore = new Set<string>();
  let unavailable: Error | undefined;
  // Every test fails with this (a failing hook would only count them as cancelled).
  const test = (name: string, fn: () => Promise<void>) =>
    nodeTest(name, async () => {
      if (unavailable) throw unavailable;
      await fn();
    });

  before(async () => {
    const ping = await podman.call('ping', (d) => d.ping()).catch((err: Error) => err);
    if (ping instanceof Error) {
      const missing = existsSync('/usr/bin/podman') ? '' : ' (podman is not installed)';
      unavailable = new Error(`Podman's Docker API does not answer at ${SOCKET_URL}${missing}: run scripts/setup-machine.sh, which installs podman and starts it with scripts/start-podman.sh. ${ping.message}`);
      return;
    }
    imagesBefore = new Set((await podman.api.listImages({ all: true })).map((i) => i.Id));
    // Through the compat /build API, from scratch: Podman has nothing to pull from either.
    await buildBusyboxImage(podman, `${repo}:v1`, { extra: ['RUN echo data > /data.txt', 'ENV MODE=test', 'CMD ["/bin/sh"]'] });
  });

  after(async () => {
    if (unavailable) return rmSync(dir, { recursive: true, force: true });
    await cleanup(podman, made);
    await cleanup(docker, madeInDocker);
    // Podman prunes a deleted image's build steps; anything this run left untagged goes too.
    for (const i of await podman.api.listImages({ all: true })) {
      if (!imagesBefore.has(i.Id) && !(i.RepoTags ?? []).some((t) => t !== '<none>:<none>')) {
        await podman.api.getImage(i.Id).remove({ force: true }).catch(() => {});
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('describeEngine reports Podman, its API version and its own storage', async () => {
    const d = await describeEngine(podman);
    assert.equal(d.endpoint, SOCKET_URL);
    assert.equal(d.source, 'setting');
    assert.match(d.version, /^\d+\.\d+\.\d+/, 'Podman reports its own version (4.3.1 on Debian 12)');
    assert.match(d.apiVersion, /^1\.\d+$/, 'and the Docker API version it speaks');
    // Podman calls its driver "overlay" where dockerd says "overlay2"; both are shown as given.
    assert.ok(['overlay', 'vfs'].includes(d.storageDriver), d.storageDriver);
    assert.equal(d.rootDir, '/var/lib/stowage-podman/storage', 'storage apart from dockerd');
    assert.ok(d.images > 0);
    assert.equal(await isPodman(podman), true);
    assert.equal(await isPodman(docker), false, 'dockerd is not mistaken for Podman');
  });

  test('listImages shows the image under the names Docker would show, and tagImage adds one', async () => {
    const first = await tagImage(podman, `${repo}:v1`, `${repo}:v2`);
    assert.equal(first.changed, true);
    assert.equal((await tagImage(podman, `${repo}:v1`, `${repo}:v2`)).changed, false, 'the name is already there');
    const mine = (await listImages(podman)).find((i) => i.repoTags.includes(`${repo}:v1`));
    // Podman's API says docker.io/stowage-pm/…: listImages gives Docker's familiar form.
    assert.ok(mine, 'the built image is listed by the name it was built with');
    assert.deepEqual([...mine.repoTags].sort(), [`${repo}:v1`, `${repo}:v2`]);
    assert.match(mine.id, /^sha256:[0-9a-f]{64}$/);
    assert.equal(mine.id, first.imageId);
    assert.equal(mine.labels['stowage.test'], '1');
    assert.ok(lines.some((l) => /^GET \/images\/json → ok \(\d+ ms\)$/.test(l)), 'calls are logged as for Docker');
  });

  test('history and rootfs line up into layers; the base image boundary is not known to Podman', async () => {
    const history = await imageHistory(podman, `${repo}:v1`);
    const info = await inspectImage(podman, `${repo}:v1`);
    const rows = describeLayers(history, info.RootFS.Layers ?? [], [`${repo}:v1`, `${repo}:v2`]);
    assert.equal(rows[0].instruction, 'LABEL "stowage.test"="1"', 'Buildah quotes the build label');
    assert.ok(rows.some((r) => r.instruction === 'ENV MODE=test' && r.empty));
    assert.ok(rows.some((r) => r.instruction === 'RUN echo data > /data.txt' && !r.empty && r.diffId));
    assert.equal(rows.filter((r) => r.diffId).length, info.RootFS.Layers!.length, 'every rootfs layer has its history row');

    // Docker's history puts the base image's ID and tags on its top row; Podman's gives no
    // tags at all, and its IDs are of build steps that share a layer, so the Layers view
    // cannot mark where the base image ends (there is nothing else in the API to tell it).
    await buildBusyboxImage(podman, `${repo}:child`, { base: `${repo}:v1`, extra: ['RUN echo x > /x.txt'] });
    const childHistory = await imageHistory(podman, `${repo}:child`);
    const childRows = describeLayers(childHistory, (await inspectImage(podman, `${repo}:child`)).RootFS.Layers ?? [], [`${repo}:child`]);
    assert.ok(childRows.length > rows.length, 'the child has the base image rows below its own');
    assert.ok(childHistory.every((h) => h.tags.length === 0), 'Podman gives no tags in a history');
    assert.ok(childRows.every((r) => r.baseImage === null));
    assert.ok(!childHistory.some((h) => h.id === info.Id || h.id === info.Id.slice(7)), 'nor the base image ID');
  });

  test('a container lists with its image and state, and its writable layer shows what it changed', async () => {
    const c = await runTestContainer(podman, `${repo}:v1`, containerName);
    const exec = await c.exec({ Cmd: ['/bin/sh', '-c', 'mkdir -p /data/html && echo hi > /data/html/index.html && rm /data.txt'], AttachStdout: true });
    const s = await exec.start({});
    await new Promise((r) => { s.on('end', r); s.resume(); });
    const listed = (await listContainers(podman)).find((x) => x.name === containerName);
    assert.ok(listed);
    assert.equal(listed.state, 'running');
    assert.equal(listed.image, `${repo}:v1`, 'familiar, where Podman says docker.io/…');
    assert.equal(listed.imageId, (await inspectImage(podman, `${repo}:v1`)).Id);
    assert.equal(listed.labels['stowage.test'], '1');
    const changes = await containerChanges(podman, containerName);
    assert.deepEqual(
      changes.filter((ch) => ch.path.startsWith('/data')).map((ch) => `${ch.kind} ${ch.path}`),
      ['added /data', 'deleted /data.txt', 'added /data/html', 'added /data/html/index.html'],
    );
    // Podman also reports the folders it made in the container's layer to mount
    // /etc/hosts, /etc/resolv.conf and /run into (this image has no /etc); Docker hides its own.
    const others = changes.filter((ch) => !ch.path.startsWith('/data'));
    assert.ok(others.every((ch) => /^\/(etc|run)(\/|$)/.test(ch.path)), JSON.stringify(others));
  });

  test('an interactive shell runs through exec with a TTY and resizes', async () => {
    const shell = await execShell(podman, containerName, ['/bin/sh'], { columns: 77, rows: 21 });
    let out = '';
    shell.stream.on('data', (d: Buffer) => (out += d.toString()));
    shell.stream.write('stty size; echo marker-$((6*7)); exit 3\n');
    await new Promise((r) => shell.stream.on('end', r));
    assert.match(out, /21 77/);
    assert.match(out, /marker-42/);
    assert.equal(await shell.exitCode(), 3);
  });

  test('commitContainer makes an image of the container with its changes, author and message', async () => {
    const id = await commitContainer(podman, containerName, {
      repository: repo,
      tag: 'committed',
      author: 'Stowage Test <test@example.com>',
      message: 'from the podman test',
      changes: ['ENV FOO=bar', 'CMD ["/bin/sh","-c","cat /data/html/index.html"]'],
    });
    // Podman answers with the bare hex: commitContainer gives Docker's `sha256:` form.
    assert.match(id, /^sha256:[0-9a-f]{64}$/);
    const info = await inspectImage(podman, `${repo}:committed`);
    assert.equal(info.Id, id);
    assert.equal(info.Author, 'Stowage Test <test@example.com>');
    assert.equal(info.Comment, 'from the podman test');
    assert.ok(info.Config.Env.includes('FOO=bar') && info.Config.Env.includes('MODE=test'), info.Config.Env.join(' '));
    assert.deepEqual(info.Config.Cmd, ['/bin/sh', '-c', 'cat /data/html/index.html']);
    assert.ok((await listImages(podman)).some((i) => i.id === id && i.repoTags.includes(`${repo}:committed`)));
  });

  test('removing a shared name only untags; the last name deletes; a container in the way is a conflict', async () => {
    await tagImage(podman, `${repo}:v1`, `${repo}:solo`);
    assert.deepEqual(await removeImage(podman, `${repo}:v2`), { untagged: [`${repo}:v2`], deleted: [] });
    assert.deepEqual(await removeImage(podman, `${repo}:solo`), { untagged: [`${repo}:solo`], deleted: [] });
    // The child's last name: the image goes, and Podman's bare-hex IDs come back as sha256:….
    const childId = (await inspectImage(podman, `${repo}:child`)).Id;
    const gone = await removeImage(podman, `${repo}:child`);
    assert.deepEqual(gone.untagged, [`${repo}:child`]);
    assert.ok(gone.deleted.includes(childId), JSON.stringify(gone));
    assert.ok(gone.deleted.every((d) => /^sha256:[0-9a-f]{64}$/.test(d)));
    // v1 is the last name, and the running container uses it.
    await assert.rejects(removeImage(podman, `${repo}:v1`), (err: EngineError) => {
      assert.equal(err.kind, 'conflict');
      assert.match(err.message, /^Could not remove image .*:v1: .*in use/);
      return true;
    });
  });

  test('an unknown image is a not-found error, as with Docker (in Podman\'s words)', async () => {
    await assert.rejects(inspectImage(podman, 'stowage-pm/does-not-exist:nope'), (err: EngineError) => {
      assert.equal(err.name, 'EngineError');
      assert.equal(err.kind, 'notFound');
      assert.match(err.message, /^Could not inspect image stowage-pm\/does-not-exist:nope: .*[Nn]o such image/);
      return true;
    });
  });

  test('the event stream reports tags and containers as they happen', async () => {
    const events: EngineEvent[] = [];
    const states: ConnectionState[] = [];
    const watch = watchEvents(podman, (e) => events.push(e), (s) => states.push(s));
    try {
      await waitFor(() => states.some((s) => s.up), 'the event stream to open');
      await tagImage(podman, `${repo}:v1`, `${repo}:evt`);
      await waitFor(() => events.some((e) => e.type === 'image' && e.action === 'tag'), 'an image tag event');
      await podman.api.createContainer({ Image: `${repo}:v1`, name: eventContainer, Cmd: ['/bin/true'], Labels: { 'stowage.test': '1' } });
      await waitFor(() => events.some((e) => e.type === 'container' && e.action === 'create' && e.id.length === 64), 'a container create event');
      assert.ok(states.every((s) => s.up), 'the stream stayed up');
    } finally {
      watch.dispose();
    }
  });

  test('images move between Docker and Podman through saveImages and loadImages', async () => {
    // Docker → Podman, gzip-compressed: Podman's load reads only plain tar, so loadImages
    // decompresses for it. Two names of one image arrive on one line of Podman's answer.
    await ensureBaseImage(docker);
    await tagImage(docker, BASE_IMAGE, `${moved}:a`);
    await tagImage(docker, BASE_IMAGE, `${moved}:b`);
    const fromDocker = join(dir, 'from-docker.tar.gz');
    assert.equal((await saveImages(docker, [`${moved}:a`, `${moved}:b`], fromDocker)).gzip, true);
    const loaded = await loadImages(podman, fromDocker);
    // Podman files a name that has no registry under localhost/, where Docker would keep it
    // as is; Stowage shows what the engine has. Both still answer to the short name.
    assert.deepEqual([...loaded.references].sort(), [`localhost/${moved}:a`, `localhost/${moved}:b`]);
    const dockerId = (await inspectImage(docker, `${moved}:a`)).Id;
    assert.equal((await inspectImage(podman, `${moved}:a`)).Id, dockerId, 'the same image, by the same ID');
    const listed = (await listImages(podman)).find((i) => i.id === dockerId);
    assert.deepEqual([...(listed?.repoTags ?? [])].sort(), [`localhost/${moved}:a`, `localhost/${moved}:b`]);

    // Podman → Docker, plain tar: Docker reads Podman's archive and its docker.io names.
    const fromPodman = join(dir, 'from-podman.tar');
    await saveImages(podman, [`${repo}:v1`], fromPodman);
    const back = await loadImages(docker, fromPodman);
    assert.deepEqual(back.references, [`${repo}:v1`]);
    assert.equal((await inspectImage(docker, `${repo}:v1`)).Id, (await inspectImage(podman, `${repo}:v1`)).Id);
  });
});

async function waitFor(cond: () => boolean, what: string, ms = 15000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
