import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkImageArchive } from '../../src/engine/images/checkImageArchive';
import { saveImages } from '../../src/engine/images/saveImages';
import { waitFor } from '../e2e/support/waitFor';
import { buildUniqueImage } from '../integration/images/imagesKit';
import { repoRoot } from '../support/repoRoot';
import { cleanup, ensureBaseImage, testEngine, uniqueName } from '../support/testEngine';
import { startEngineProxy, type EngineProxy } from './support/engineProxy';

// Issue 9, defect 10: a save whose process is killed left its `.<name>.<hex>.partial`
// forever. A real save runs in a child Node process (the compiled engine code in
// out/), its archive stream held mid-way by a proxy in front of the real engine so
// the kill lands while the temporary file is being written; SIGKILL leaves no
// chance to clean up. The next save into that folder must remove it, and nothing
// else: not a live writer's file, not a file of another pattern.

const engine = testEngine();
const ref = `${uniqueName('stowage-fault-kill')}/img:v1`;
const dir = mkdtempSync(join(tmpdir(), 'stowage-fault-kill-'));
let proxy: EngineProxy;
const children: ChildProcess[] = [];

before(async () => {
  await ensureBaseImage(engine);
  await buildUniqueImage(engine, ref, 1024 * 1024);
  proxy = await startEngineProxy({ match: /^GET \/[^ ]*images\/get/, afterBytes: 256 * 1024, fault: 'stall' });
});
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await proxy?.close();
  await cleanup(engine, { images: [ref] });
  rmSync(dir, { recursive: true, force: true });
});

function nodeChild(script: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(process.execPath, ['-e', script], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

test('a save killed mid-write leaves its temporary file; the next save into the folder removes it and nothing else', async () => {
  const out = join(repoRoot(), 'out', 'src', 'engine');
  const saver = nodeChild(
    `const { Engine } = require(${JSON.stringify(join(out, 'Engine.js'))});
     const { resolveEndpoint } = require(${JSON.stringify(join(out, 'resolveEndpoint.js'))});
     const { saveImages } = require(${JSON.stringify(join(out, 'images', 'saveImages.js'))});
     saveImages(new Engine(resolveEndpoint({ env: process.env })), [${JSON.stringify(ref)}], ${JSON.stringify(join(dir, 'killed.tar'))});`,
    { ...process.env, DOCKER_HOST: `unix://${proxy.socketPath}` },
  );
  const pattern = new RegExp(`^\\.killed\\.tar\\.${saver.pid}\\.[0-9a-f]{12}\\.partial$`);
  const partial = await waitFor(
    'the saving child to have written part of its temporary file',
    async () => {
      const name = readdirSync(dir).find((f) => pattern.test(f));
      return name && statSync(join(dir, name)).size > 0 ? join(dir, name) : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 20, lastSeen: async () => readdirSync(dir).join(', ') },
  );
  await proxy.faulted;
  saver.kill('SIGKILL');
  await once(saver, 'exit');
  assert.equal(saver.signalCode, 'SIGKILL');
  assert.ok(existsSync(partial), 'the kill left the temporary file behind (what the next save must clean)');

  // What must stay: a live writer's file (its pid alive, started before the file was written),
  // files of Stowage's old pattern and other patterns, and the user's own files.
  const writer = nodeChild('setTimeout(() => {}, 600_000)');
  await once(writer, 'spawn');
  const keep = [
    `.live.tar.${writer.pid}.0123456789ab.partial`,
    '.old.tar.0123456789ab.partial',
    `.other.${saver.pid}.partial`,
    `.killed.tar.${saver.pid}.not-hex-here.partial`,
    'notes.txt',
  ];
  for (const name of keep) writeFileSync(join(dir, name), 'x');

  const next = join(dir, 'next.tar');
  const saved = await saveImages(engine, [ref], next);
  assert.deepEqual(saved.removedPartials, [partial]);
  assert.equal(existsSync(partial), false);
  assert.deepEqual(readdirSync(dir).sort(), [...keep, 'next.tar'].sort());
  assert.deepEqual((await checkImageArchive(next)).images.map((i) => i.repoTags), [[ref]]);
  writer.kill('SIGKILL');
});
