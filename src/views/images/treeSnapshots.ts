import type { TreeSnapshotStore } from '../../engine/layers/TreeSnapshotStore';
import { engineModule } from '../../engineModule';
import { layerIndexCache } from './imageLayersCache';

let store: TreeSnapshotStore | undefined;
const writing = new Set<Promise<void>>();

/** Where trees computed from layers are kept on disk (beside the layer indexes), once activation has named the folder. */
export function treeSnapshots(): TreeSnapshotStore | undefined {
  const cache = layerIndexCache();
  if (!cache) return undefined;
  return (store ??= new (engineModule().TreeSnapshotStore)(cache));
}

/** Writes a snapshot off the path of the rows shown, pausing now and then so the extension host stays responsive; a failure only means it is computed again next time. */
export function writeSnapshotLater(write: (pause: () => Promise<void>) => Promise<void>): void {
  const done: Promise<void> = write(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .catch(() => {})
    .finally(() => writing.delete(done));
  writing.add(done);
}

/** Settles once every snapshot being written is on disk (the benchmark's restart waits for it, as a user's would come later). */
export async function snapshotsWritten(): Promise<void> {
  while (writing.size) await Promise.all(writing);
}
