import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync as readlink } from 'node:fs';
import { join } from 'node:path';
import { listImages } from '../../src/engine/listImages';
import { SECOND_ENGINES_ROOT, buildScratchImage, startSecondEngine, type SecondEngine } from '../support/secondEngine';

/**
 * The harness the fault suite stands on: a second dockerd must start, answer, stop
 * and leave nothing, must never touch the shared engine's bridge, and must clean up
 * after a run that died.
 */
const started: SecondEngine[] = [];
after(async () => {
  for (const e of started) await e.remove();
});

test('a second engine answers on its own socket, in its own namespace, and the shared engine keeps docker0', async () => {
  const second = await startSecondEngine('harness');
  started.push(second);
  const info = await second.engine().api.info();
  assert.equal(info.DockerRootDir, join(second.root, 'data'));
  assert.equal(readFileSync(`/proc/${second.pid}/cmdline`, 'utf8').split('\0').includes('--bridge=none'), true);
  assert.notEqual(readlink(`/proc/${second.pid}/ns/net`), readlink('/proc/self/ns/net'), 'dockerd runs in a network namespace of its own');
  assert.equal(spawnSync('ip', ['link', 'show', 'docker0']).status, 0, 'the shared engine keeps its bridge');

  const id = await buildScratchImage(second.engine(), 'faults/harness:v1', 1024);
  assert.ok((await listImages(second.engine())).some((i) => i.id === id));

  await second.remove();
  assert.equal(existsSync(second.root), false);
  assert.equal(existsSync(`/var/run/netns/${second.name}`), false);
  assert.deepEqual(mountsMentioning(second.root), []);
  assert.deepEqual(processesMentioning(second.root), []);
  await second.remove();
});

test('what a run that died left (dockerd, containerd, mounts, namespace) is taken down by the next start', async () => {
  // A separate process starts an engine and is killed before it can clean up.
  const { child, name } = await processWithEngine('orphan');
  const root = join(SECOND_ENGINES_ROOT, name);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  assert.ok(processesMentioning(root).length >= 2, 'its dockerd and containerd outlived it');
  assert.ok(mountsMentioning(root).length >= 1, 'and so did its mounts');
  assert.ok(existsSync(`/var/run/netns/${name}`));

  const next = await startSecondEngine('after-orphan');
  started.push(next);
  assert.deepEqual(processesMentioning(root), []);
  assert.deepEqual(mountsMentioning(root), []);
  assert.equal(existsSync(`/var/run/netns/${name}`), false);
  assert.equal(existsSync(root), false);
  assert.ok(readdirSync(SECOND_ENGINES_ROOT).includes(next.name));
});

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  test(`a test process ended by ${sig} (Ctrl-C, the runner) takes its engine down on the way out`, async () => {
    const { child, name } = await processWithEngine(sig.toLowerCase());
    const root = join(SECOND_ENGINES_ROOT, name);
    assert.ok(processesMentioning(root).length >= 2);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill(sig);
    assert.equal(await exited, sig, 'it still dies of the signal');
    assert.deepEqual(processesMentioning(root), []);
    assert.deepEqual(mountsMentioning(root), []);
    assert.equal(existsSync(`/var/run/netns/${name}`), false);
    assert.equal(existsSync(root), false);
  });
}

/** Another Node process that starts a second engine and then idles; resolves with the engine's name. */
async function processWithEngine(label: string): Promise<{ child: ChildProcess; name: string }> {
  const script = `require(${JSON.stringify(require.resolve('../support/secondEngine'))}).startSecondEngine(${JSON.stringify(label)}).then((e) => { process.stdout.write(e.name + '\\n'); }); setInterval(() => {}, 1000)`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const name = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`the process exited (${code}) before starting its engine`)));
  });
  return { child, name };
}

function mountsMentioning(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(root));
}

function processesMentioning(root: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(root + '/');
      } catch {
        return false;
      }
    })
    .map(Number);
}
