import type { Engine } from '../../engine/Engine';
import { engineModule } from '../../engineModule';
import { fsNodeCodec } from '../../model/layers/fsNodeCodec';
import { imageFileSystemInSlices, type FsNode } from '../../model/layers/imageFileSystem';
import { imageLayers } from '../images/imageLayersCache';
import { treeSnapshots, writeSnapshotLater } from '../images/treeSnapshots';
import { hostSlicing } from '../hostSlicing';

/** An image's stacked filesystem and its layers' diff IDs bottom-up (where each copy's bytes are). */
export interface ImageFs {
  readonly imageId: string;
  readonly root: FsNode;
  readonly diffIds: readonly string[];
  /** Makes sure a folder's children are there: read from the disk snapshot when the tree came from one, else already. */
  load(folder: FsNode): Promise<void>;
}

const KIND = 'fs';
const KEEP = 4;
const whole = new Map<string, Promise<ImageFs>>();
const shown = new Map<string, Promise<ImageFs>>();

/**
 * The whole stacked filesystem of an image, built from its layer indexes and kept for
 * the last few images; once built, it is also written to disk (treeSnapshots) so that
 * opening the image again reads only the folders shown (imageFsShown).
 */
export function imageFs(engine: Engine, imageId: string): Promise<ImageFs> {
  return kept(whole, imageId, () =>
    imageLayers(engine, imageId).then(async (image) => {
      const root = await imageFileSystemInSlices(image.layers.map((l) => l.index), hostSlicing);
      const diffIds = image.layers.map((l) => l.diffId);
      const store = treeSnapshots();
      // Compare with… builds whole trees of images whose snapshot may be on disk already: not written (16 MB for 300,000 files) again.
      if (store && diffIds.length)
        writeSnapshotLater(async (pause) => {
          if (!(await store.open(KIND, diffIds, fsNodeCodec))) await store.write(KIND, diffIds, root, fsNodeCodec, pause);
        });
      return { imageId, root, diffIds, load: () => Promise.resolve() };
    }),
  );
}

/**
 * The stacked filesystem for the view: built already, or else read from its disk
 * snapshot (the root at once, each folder when expanded), or else built. A snapshot
 * found damaged later is removed, and the folder asked for comes from the built tree.
 */
export function imageFsShown(engine: Engine, imageId: string): Promise<ImageFs> {
  const built = whole.get(imageId);
  if (built) return built;
  return kept(shown, imageId, async () => {
    const store = treeSnapshots();
    const diffIds = store ? ((await engineModule().inspectImage(engine, imageId)).RootFS?.Layers ?? []) : [];
    const snapshot = store && diffIds.length ? await store.open(KIND, diffIds, fsNodeCodec) : undefined;
    if (!snapshot) return imageFs(engine, imageId);
    const load = async (folder: FsNode) => {
      try {
        await snapshot.load(folder);
      } catch {
        await store!.remove(KIND, diffIds, fsNodeCodec.version);
        shown.delete(imageId);
        folder.children = find((await imageFs(engine, imageId)).root, folder.path)?.children ?? [];
      }
    };
    await load(snapshot.root);
    return { imageId, root: snapshot.root, diffIds, load };
  });
}

function kept(cache: Map<string, Promise<ImageFs>>, imageId: string, make: () => Promise<ImageFs>): Promise<ImageFs> {
  let found = cache.get(imageId);
  if (found) {
    cache.delete(imageId);
    cache.set(imageId, found);
    return found;
  }
  found = make();
  found.catch(() => cache.delete(imageId));
  cache.set(imageId, found);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return found;
}

function find(root: FsNode, path: string): FsNode | undefined {
  if (path === '') return root;
  let node: FsNode | undefined = root;
  for (const part of path.split('/')) {
    node = node.children?.find((c) => c.name === part);
    if (!node) return undefined;
  }
  return node;
}
