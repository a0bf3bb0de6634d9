import type { Engine } from './Engine';
import type { FileChange } from './types';

const KINDS: Record<number, FileChange['kind']> = { 0: 'changed', 1: 'added', 2: 'deleted' };

/** The container's writable layer: what a commit would capture (`docker diff`). */
export async function containerChanges(engine: Engine, container: string): Promise<FileChange[]> {
  const raw = (await engine.call(`read the changes of container ${container}`, (d) => d.getContainer(container).changes())) as Array<{
    Path: string;
    Kind: number;
  }> | null;
  return (raw ?? []).map((c) => ({ path: c.Path, kind: KINDS[c.Kind] ?? 'changed' })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
