import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runAnalyze } from '../../../src/cli/analyzeCommand';
import { ArchiveError } from '../../../src/engine/images/ArchiveError';
import { readArchiveFile } from '../../../src/engine/layers/readArchiveFile';
import { readImageExport } from '../../../src/engine/layers/readImageExport';
import { stackLayers } from '../../../src/model/layers/stackLayers';
import { DOCKER_CLI } from '../images/imagesKit';
import { END, entry } from '../../unit/images/tarFixture';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { BIG, buildKnownImage } from './layersKit';
import { ociArchiveFrom } from './ociArchive';

const BUSYBOX = statSync('/bin/busybox').size;
const file = (path: string, size: number, mode = 0o100644) => ({ path, kind: 'file', size, mode, uid: 0, gid: 0 });
const dir = (path: string) => ({ path, kind: 'dir', size: 0, mode: 0o40755, uid: 0, gid: 0 });

/** What the two layers of the known image hold, in tar order, as the engine exports them. */
const ADDING_LAYER = [
  dir('data'),
  file('data/big', BIG),
  dir('data/dir'),
  file('data/dir/a', 10),
  file('data/dir/b', 3),
  file('data/empty', 0),
  file('data/small', 5),
  { path: 'data/sym', kind: 'symlink', size: 0, mode: 0o120777, uid: 0, gid: 0, link: 'small' },
  dir('keep'),
  file('keep/hard', 6),
  { path: 'keep/orig', kind: 'hardlink', size: 0, mode: 0o100644, uid: 0, gid: 0, link: 'keep/hard' },
];
const CHANGING_LAYER = [
  dir('data'),
  { path: 'data/big', kind: 'whiteout', size: 0, mode: 0o600, uid: 0, gid: 0 },
  dir('data/dir'),
  { path: 'data/dir', kind: 'opaque', size: 0, mode: 0o755, uid: 0, gid: 0 },
  file('data/dir/c', 3),
  file('data/small', 11),
];

class Captured {
  out = '';
  err = '';
  readonly io = { out: (t: string) => void (this.out += t), err: (t: string) => void (this.err += t) };
}

describe('layer analysis against a real engine', () => {
  const engine = testEngine();
  const tag = `${uniqueName('stowage-layers')}/known:v1`;
  const work = mkdtempSync(join(tmpdir(), 'stowage-layers-'));
  let saved: Buffer;

  before(async () => {
    await buildKnownImage(engine, tag);
    // The docker CLI is the reference: its archive is what --archive must read.
    saved = execFileSync(DOCKER_CLI, ['save', tag], { maxBuffer: 64 * 1024 * 1024 });
  });
  after(async () => {
    await cleanup(engine, { images: [tag] });
    rmSync(work, { recursive: true, force: true });
  });

  test('the export is indexed per layer, bottom-up, with the diff IDs the engine reports', async () => {
    const image = await readImageExport(engine, tag);
    const inspect = await engine.api.getImage(tag).inspect();
    assert.equal(image.id, inspect.Id);
    assert.deepEqual(image.layers.map((l) => l.diffId), inspect.RootFS.Layers);
    assert.equal(image.layout, 'docker');
    assert.deepEqual(image.layers[2].index.entries, ADDING_LAYER);
    assert.deepEqual(image.layers[3].index.entries, CHANGING_LAYER);
    assert.match(image.layers[3].command ?? '', /rm \/data\/big/);
  });

  test('stacked as a container sees it: exact figures', async () => {
    const image = await readImageExport(engine, tag);
    const r = stackLayers(image.layers.map((l) => l.index));
    const symlinks = image.layers[1].index.entries.filter((e) => e.kind === 'symlink').length;
    assert.deepEqual(r.layers, [
      { sizeBytes: BUSYBOX, added: 1, modified: 0, removed: 0 },
      { sizeBytes: 0, added: symlinks, modified: 0, removed: 0 },
      { sizeBytes: BIG + 24, added: 8, modified: 0, removed: 0 },
      { sizeBytes: 14, added: 1, modified: 1, removed: 3 },
    ]);
    assert.equal(r.sizeBytes, BUSYBOX + BIG + 38);
    // busybox, keep/hard (6), data/dir/c (3), data/small (11), data/empty (0).
    assert.equal(r.visibleBytes, BUSYBOX + 20);
    assert.equal(r.hiddenBytes, BIG + 18);
    assert.equal(r.efficiency, (BUSYBOX + 20) / (BUSYBOX + BIG + 38));
    assert.deepEqual(r.largestHidden, [
      { path: 'data/big', bytes: BIG, layers: [2] },
      { path: 'data/dir/a', bytes: 10, layers: [2] },
      { path: 'data/small', bytes: 5, layers: [2, 3] },
      { path: 'data/dir/b', bytes: 3, layers: [2] },
    ]);
    // dive: data/big (BIG, then its whiteout: 0) and data/small (5 + 11) are in two layers each.
    assert.deepEqual(r.dive, {
      wastedBytes: BIG + 16,
      efficiency: (BUSYBOX + 10 + 3 + 5 + 6 + 3) / (BUSYBOX + BIG + 38),
      userWastedPercent: (BIG + 16) / (BIG + 38),
    });
  });

  test('stowage analyze --json prints the one object the issue defines', async () => {
    const c = new Captured();
    assert.equal(await runAnalyze(['--json', tag], c.io), 0, c.err);
    const report = JSON.parse(c.out);
    assert.deepEqual(Object.keys(report), ['image', 'id', 'sizeBytes', 'visibleBytes', 'hiddenBytes', 'efficiency', 'layers', 'largestHidden', 'dive']);
    assert.equal(report.image, tag);
    assert.equal(report.hiddenBytes, BIG + 18);
    assert.deepEqual(Object.keys(report.layers[0]), ['diffId', 'command', 'sizeBytes', 'added', 'modified', 'removed']);
    assert.deepEqual(report.largestHidden[0], { path: '/data/big', bytes: BIG, layers: [2] });
    assert.deepEqual(Object.keys(report.dive), ['efficiency', 'wastedBytes', 'userWastedPercent']);
  });

  test('--archive reads the docker CLI archive, plain and gzip, to the same figures with no engine', async () => {
    const fromEngine = stackLayers((await readImageExport(engine, tag)).layers.map((l) => l.index));
    const plain = join(work, 'known.tar');
    const gz = join(work, 'known.tar.gz');
    writeFileSync(plain, saved);
    writeFileSync(gz, gzipSync(saved));
    for (const path of [plain, gz]) {
      const image = await readArchiveFile(path);
      assert.deepEqual(stackLayers(image.layers.map((l) => l.index)), fromEngine, path);
      assert.deepEqual(image.repoTags, [tag]);
    }
    const c = new Captured();
    assert.equal(await runAnalyze(['--json', '--archive', gz], c.io, { DOCKER_HOST: 'unix:///nonexistent.sock' }), 0, c.err);
    assert.equal(JSON.parse(c.out).hiddenBytes, BIG + 18);
  });

  test('an OCI-layout archive (gzip layers, index.json after the layers) reads to the same layers', async () => {
    const path = join(work, 'known-oci.tar');
    writeFileSync(path, ociArchiveFrom(saved, tag));
    const oci = await readArchiveFile(path);
    const classic = await readImageExport(engine, tag);
    assert.equal(oci.layout, 'oci');
    assert.equal(oci.id, classic.id);
    assert.deepEqual(oci.repoTags, [tag]);
    assert.deepEqual(oci.layers, classic.layers);
  });

  test('--ci: each rule printed with its value and threshold; exit 1 when one fails, 0 when all pass', async () => {
    const failing = join(work, 'failing.dive-ci');
    writeFileSync(failing, 'rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: 5MB\n  highestUserWastedPercent: disabled\nstowage:\n  highestHiddenBytes: 10MiB\n');
    const c = new Captured();
    assert.equal(await runAnalyze(['--ci', '--ci-config', failing, tag], c.io), 1);
    assert.match(c.err, /^FAIL dive lowestEfficiency: 0\.27\d*, threshold 0\.95$/m);
    assert.match(c.err, new RegExp(`^FAIL dive highestWastedBytes: ${BIG + 16} bytes \\(5\\.24 MB\\), threshold 5000000 bytes \\(5\\.00 MB\\)$`, 'm'));
    assert.match(c.out, new RegExp(`^PASS stowage highestHiddenBytes: ${BIG + 18} bytes .*threshold 10485760 bytes`, 'm'));
    assert.doesNotMatch(c.out + c.err, /UserWasted/);

    const passing = join(work, 'passing.dive-ci');
    writeFileSync(passing, 'rules:\n  lowestEfficiency: 0.2\nstowage:\n  lowestEfficiency: 0.25\n');
    const p = new Captured();
    assert.equal(await runAnalyze(['--ci', '--ci-config', passing, tag], p.io), 0, p.err);
    assert.match(p.out, /^PASS stowage lowestEfficiency: 0\.27\d*, threshold 0\.25$/m);
  });

  test('usage and engine errors exit 2 with what is wrong; a bad rule is found before any engine call', async () => {
    const bad = join(work, 'bad.dive-ci');
    writeFileSync(bad, 'rules:\n  lowestEfficiency: 95\n');
    const c = new Captured();
    assert.equal(await runAnalyze(['--ci', '--ci-config', bad, 'whatever:1'], c.io, { DOCKER_HOST: 'unix:///nonexistent.sock' }), 2);
    assert.match(c.err, /bad\.dive-ci:2: `lowestEfficiency` is 95; a fraction from 0 to 1 is expected/);

    const missing = new Captured();
    assert.equal(await runAnalyze([`${tag}-gone`], missing.io), 2);
    assert.match(missing.err, /^stowage analyze: Could not read the layers of \S+-gone: the engine at unix:\/\/\S+ has no image \S+-gone \(reference does not exist\)\n$/);

    const usage = new Captured();
    assert.equal(await runAnalyze([], usage.io), 2);
    assert.match(usage.err, /no image given/);
    const invalid = new Captured();
    assert.equal(await runAnalyze(['Bad Name'], invalid.io), 2);
    assert.match(invalid.err, /image/);
  });

  test('hostile archives: ../ entries and a damaged compressed layer are refused with a clear message', async () => {
    const climbing = join(work, 'climb.tar');
    writeFileSync(climbing, Buffer.concat([entry('../evil', 'x'), END]));
    await assert.rejects(readArchiveFile(climbing), (e: Error) => e instanceof ArchiveError && /"\.\.\/evil" climbs out of the archive/.test(e.message));

    const oci = ociArchiveFrom(saved, tag);
    // Flip bytes inside the first gzip layer blob's data, past its header.
    const at = oci.indexOf(Buffer.from([0x1f, 0x8b]));
    const damaged = Buffer.from(oci);
    for (let i = at + 2000; i < at + 2100; i++) damaged[i] ^= 0xff;
    const path = join(work, 'damaged-oci.tar');
    writeFileSync(path, damaged);
    await assert.rejects(readArchiveFile(path), (e: Error) => e instanceof ArchiveError && /layer blobs\/sha256\/[0-9a-f]{64} is damaged/.test(e.message));

    const none = join(work, 'empty.tar');
    writeFileSync(none, '');
    await assert.rejects(readArchiveFile(none), /is not an image archive: the file is empty/);
    assert.equal(readFileSync(join(work, 'known-oci.tar')).length > 0, true);
  });
});
