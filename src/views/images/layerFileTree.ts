import type { Engine } from '../../engine/Engine';
import { engineModule } from '../../engineModule';
import { layerTreeSteps, type LayerTreeNode } from '../../model/layers/layerTree';
import { runInSlices } from '../../model/runInSlices';
import { hostSlicing } from '../hostSlicing';
import { layerTreeCodec } from '../../model/layers/layerTreeCodec';
import { imageLayers } from './imageLayersCache';
import { treeSnapshots, writeSnapshotLater } from './treeSnapshots';

/** What a layer of an image changes, as a file tree, with where its files' bytes are. */
export interface LayerFileTree {
  readonly root: LayerTreeNode;
  readonly imageId: string;
  readonly diffIds: readonly string[];
  /** The layer's place, 0 = bottom. */
  readonly layer: number;
  /** Makes sure a folder's children are there: read from the disk snapshot when the tree came from one, else already. */
  load(folder: LayerTreeNode): Promise<void>;
}

const KIND = 'layer';
/** Layer trees kept in memory: expanding a layer again, or after a refresh, reads nothing. */
const KEEP = 8;
const kept = new Map<string, Promise<LayerFileTree | undefined>>();

/**
 * The file tree of the layer `diffId` of an image (undefined when the image's export
 * has no such layer). Its figures depend on the layers below, so its disk snapshot is
 * keyed by the diff IDs up to it: opening it again reads its root and then each folder
 * expanded, not the indexes of every layer. Computed and written when missing; a
 * snapshot found damaged later is removed and the folder asked for computed again.
 */
export function layerFileTree(engine: Engine, imageId: string, diffId: string): Promise<LayerFileTree | undefined> {
  const key = `${imageId}\n${diffId}`;
  let found = kept.get(key);
  if (found) {
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  found = read(engine, imageId, diffId);
  found.catch(() => kept.delete(key));
  kept.set(key, found);
  while (kept.size > KEEP) kept.delete(kept.keys().next().value!);
  return found;
}

async function read(engine: Engine, imageId: string, diffId: string): Promise<LayerFileTree | undefined> {
  const store = treeSnapshots();
  if (store) {
    const diffIds = (await engineModule().inspectImage(engine, imageId)).RootFS?.Layers ?? [];
    const layer = diffIds.indexOf(diffId);
    const below = diffIds.slice(0, layer + 1);
    const snapshot = layer >= 0 ? await store.open(KIND, below, layerTreeCodec) : undefined;
    if (snapshot) {
      const load = async (folder: LayerTreeNode) => {
        try {
          await snapshot.load(folder);
        } catch {
          await store.remove(KIND, below, layerTreeCodec.version);
          folder.children = find((await computed(engine, imageId, diffId))?.root, folder.path)?.children ?? [];
        }
      };
      await load(snapshot.root);
      return { root: snapshot.root, imageId, diffIds, layer, load };
    }
  }
  return computed(engine, imageId, diffId);
}

async function computed(engine: Engine, imageId: string, diffId: string): Promise<LayerFileTree | undefined> {
  const image = await imageLayers(engine, imageId);
  const layer = image.layers.findIndex((l) => l.diffId === diffId);
  if (layer < 0) return undefined;
  const root = await runInSlices(layerTreeSteps(image.layers.map((l) => l.index), layer), hostSlicing);
  const diffIds = image.layers.map((l) => l.diffId);
  const store = treeSnapshots();
  if (store) writeSnapshotLater((pause) => store.write(KIND, diffIds.slice(0, layer + 1), root, layerTreeCodec, pause));
  return { root, imageId, diffIds, layer, load: () => Promise.resolve() };
}

function find(root: LayerTreeNode | undefined, path: string): LayerTreeNode | undefined {
  let node = root;
  if (path === '') return node;
  for (const part of path.split('/')) {
    node = node?.children?.find((c) => c.name === part);
    if (!node) return undefined;
  }
  return node;
}
