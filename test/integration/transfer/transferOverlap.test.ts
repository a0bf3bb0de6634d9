import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Engine } from '../../../src/engine/Engine';
import { parseHost } from '../../../src/engine/resolveEndpoint';
import { transferImage } from '../../../src/engine/transfer/transferImage';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../../support/secondEngine';
import { buildBusyboxImage, cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { startUnixRelay, type UnixRelay } from '../../support/unixRelay';

const MIB = 1024 * 1024;

/**
 * What a copy overlaps: the source's export with the questions to the target, and,
 * when layers are left out, the reading of the source with a slow target.
 */
describe('transfer overlaps its waits', () => {
  const main = testEngine();
  let second: SecondEngine;
  const relays: UnixRelay[] = [];
  const repo = `stowage-test/${uniqueName('xover')}`;
  const made: string[] = [];

  before(async () => {
    second = await startSecondEngine('xover');
  });
  after(async () => {
    for (const r of relays) await r.close();
    await cleanup(main, { images: made });
    await second?.remove();
  });

  async function relay(socket: string, options: Parameters<typeof startUnixRelay>[1]): Promise<Engine> {
    const r = await startUnixRelay(socket, options);
    relays.push(r);
    return new Engine(parseHost(r.url, 'setting'));
  }

  test("the source's export is asked for before the target has said which layers it holds", async () => {
    const tag = `${repo}-a:v1`;
    made.push(tag);
    await buildScratchImage(main, tag, 64 * 1024);
    let exportAsked!: () => void;
    const exporting = new Promise<void>((resolve) => (exportAsked = resolve));
    let listAnswered = false;
    let exportBeforeList = false;
    const source = await relay('/var/run/docker.sock', {
      onRequestChunk: (chunk) => {
        if (/^GET \S*\/images\/get\?/.test(chunk.toString('latin1', 0, 200))) {
          exportBeforeList = !listAnswered;
          exportAsked();
        }
      },
    });
    // The target's image list (which layers it holds) is held until the export was asked
    // for, or for 10 s: a copy that asks in turn waits those 10 s and the export comes after.
    const target = await relay(second.socketPath, {
      hold: (chunk) => {
        if (!/^GET \S*\/images\/json\?/.test(chunk.toString('latin1', 0, 200))) return undefined;
        return Promise.race([exporting, new Promise<void>((r) => setTimeout(r, 10_000))]).then(() => {
          listAnswered = true;
        });
      },
    });
    const result = await transferImage(source, target, tag);
    assert.equal(result.mode, 'missing-layers');
    assert.ok(exportBeforeList, 'the export was asked for only after the target had answered');
    assert.equal((await second.engine().api.getImage(tag).inspect()).Id, result.id);
  });

  test('while a kept layer crawls to a slow target, the source is read on past it', async () => {
    const base = `${repo}-base:v1`;
    const top = `${repo}-top:v1`;
    made.push(base, top);
    await buildScratchImage(main, base, 24 * MIB);
    await buildBusyboxImage(main, top, { base, files: { 'top.bin': randomBytes(12 * MIB) } });
    await transferImage(main, second.engine(), base);
    const slow = await startUnixRelay(second.socketPath, { upBytesPerSecond: 4 * MIB });
    relays.push(slow);
    const target = new Engine(parseHost(slow.url, 'setting'));
    // When the source's last layer has passed (only configs and the manifest follow it),
    // how much of the archive the target had received.
    let receivedAtSourceEnd = -1;
    const result = await transferImage(main, target, top, {
      onProgress: (u) => {
        if (u.done) receivedAtSourceEnd = slow.upBytes;
      },
    });
    const kept = result.layers.filter((l) => l.sent).reduce((n, l) => n + l.bytes, 0);
    assert.ok(kept > 12 * MIB && result.bytesSkipped > 24 * MIB, JSON.stringify(result.layers));
    // Without reading ahead, the layers after the kept one wait until it has all but
    // crossed (the stream's buffers hold about 1 MiB); with it they pass at once.
    const keptStillToCross = result.archiveBytes - receivedAtSourceEnd;
    assert.ok(keptStillToCross > 4 * MIB, `only ${keptStillToCross} bytes were still to cross when the source's last layer had passed`);
  });
});
