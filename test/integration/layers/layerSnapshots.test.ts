import { forgetViewModules, sessionOf, shipped } from '../../../scripts/bench/viewHost';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TreeNode } from '../../../src/views/TreeNode';
import type * as ImageFsNodeModule from '../../../src/views/imagefs/ImageFsNode';
import type * as FilterModule from '../../../src/views/imagefs/imageFsFilter';
import type * as LayerNodeModule from '../../../src/views/images/LayerNode';
import type * as LayersCacheModule from '../../../src/views/images/imageLayersCache';
import type * as TreeSnapshotsModule from '../../../src/views/images/treeSnapshots';
import type { FsFilter } from '../../../src/model/layers/imageFileSystem';
import { cleanup, uniqueName } from '../../support/testEngine';
import { buildKnownImage } from './layersKit';

/** The view modules as a freshly started extension host has them (nothing in memory), their disk cache in `dir`. */
function freshViews(dir: string) {
  forgetViewModules();
  /* eslint-disable @typescript-eslint/no-require-imports */
  (require('../../../src/views/images/imageLayersCache') as typeof LayersCacheModule).setLayerIndexFolder(dir);
  return {
    ImageFsNode: (require('../../../src/views/imagefs/ImageFsNode') as typeof ImageFsNodeModule).ImageFsNode,
    LayerNode: (require('../../../src/views/images/LayerNode') as typeof LayerNodeModule).LayerNode,
    setFilter: (require('../../../src/views/imagefs/imageFsFilter') as typeof FilterModule).setImageFsFilter,
    snapshotsWritten: (require('../../../src/views/images/treeSnapshots') as typeof TreeSnapshotsModule).snapshotsWritten,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** Every row beneath `node`, every folder expanded, as VS Code would show it: label, description, tooltip, command. */
async function render(node: TreeNode, depth = 0, out: string[] = []): Promise<string[]> {
  for (const child of (await node.children?.()) ?? []) {
    const item = child.treeItem() as { label: string; description?: string; tooltip?: unknown; contextValue?: string; collapsibleState: number };
    out.push(`${'  '.repeat(depth)}${item.label} | ${item.description ?? ''} | ${item.contextValue ?? ''} | ${JSON.stringify(item.tooltip ?? '')}`);
    if (item.collapsibleState !== 0) await render(child, depth + 1, out);
  }
  return out;
}

const FILTERS: readonly FsFilter[] = ['all', 'added', 'modified', 'removed', 'hidden'];
const tagNode: TreeNode = { id: 'test/tag', treeItem: () => ({}) as never };

describe('the Filesystem node and layer trees, opened again from their disk snapshots', () => {
  const lines: string[] = [];
  const engine = new shipped.Engine(shipped.resolveEndpoint({ env: process.env }), (l) => lines.push(l));
  const session = sessionOf(engine) as never;
  const tag = `${uniqueName('stowage-layers-snapshot')}/known:v1`;
  const dir = mkdtempSync(join(tmpdir(), 'stowage-layer-snapshots-'));
  let id = '';
  let diffIds: string[] = [];
  /** What the first opening (every index read from the export, every tree built) shows, per filter and per layer. */
  const built = new Map<string, string[]>();
  const exports = () => lines.filter((l) => l.includes('/get')).length;
  const snapshots = () => readdirSync(dir).filter((n) => n.endsWith('.tree'));

  /** Every filter of the Filesystem node and every layer's tree, each from freshly loaded views. */
  async function renderAll(): Promise<Map<string, string[]>> {
    const shown = new Map<string, string[]>();
    for (const filter of FILTERS) {
      const views = freshViews(dir);
      await views.setFilter(filter);
      shown.set(filter, await render(new views.ImageFsNode(tagNode, session, id)));
      await views.snapshotsWritten();
    }
    for (let at = 0; at < diffIds.length; at++) {
      const views = freshViews(dir);
      shown.set(`layer ${at}`, await render(new views.LayerNode(tagNode, { diffId: diffIds[at], empty: false } as never, at, { session, imageId: id })));
      await views.snapshotsWritten();
    }
    return shown;
  }

  before(async () => {
    id = await buildKnownImage(engine as never, tag);
    diffIds = (await engine.api.getImage(id).inspect()).RootFS?.Layers ?? [];
    for (const [k, v] of await renderAll()) built.set(k, v);
  });
  after(async () => {
    await cleanup(engine as never, { images: [tag] });
    rmSync(dir, { recursive: true, force: true });
  });

  test('the first opening writes one snapshot of the filesystem and one per layer', () => {
    assert.equal(snapshots().filter((n) => n.includes('-fs-')).length, 1);
    assert.equal(snapshots().filter((n) => n.includes('-layer-')).length, diffIds.length);
    assert.ok(built.get('all')!.some((l) => l.includes('data')), built.get('all')!.join('\n'));
    assert.ok(built.get('removed')!.some((l) => l.startsWith('  big | removed')), built.get('removed')!.join('\n'));
  });

  test('opened again, every row of every filter and every layer is the same, and no export is read', async () => {
    const before = exports();
    assert.deepEqual(await renderAll(), built);
    assert.equal(exports(), before);
  });

  test('a garbled folder in a snapshot: the rows are still right (built again from the layer indexes), and the snapshot is written anew', async () => {
    for (const name of snapshots()) {
      const file = join(dir, name);
      const bytes = readFileSync(file);
      // The first block is the deepest folder's; from its 21st byte on, not JSON.
      bytes.write('#', 20);
      writeFileSync(file, bytes);
    }
    const garbled = new Map(snapshots().map((n) => [n, readFileSync(join(dir, n))]));
    assert.deepEqual(await renderAll(), built);
    for (const [name, bytes] of garbled) assert.notDeepEqual(readFileSync(join(dir, name)), bytes, `${name} was written anew`);
    assert.deepEqual(await renderAll(), built);
  });

  test('a snapshot that is not one (stale, truncated, nonsense) is ignored: the rows are built again and it is rewritten', async () => {
    for (const name of snapshots()) writeFileSync(join(dir, name), 'nonsense');
    assert.deepEqual(await renderAll(), built);
    for (const name of snapshots()) assert.notEqual(readFileSync(join(dir, name), 'utf8'), 'nonsense', name);
  });
});
