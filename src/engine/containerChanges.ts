import type { Engine } from './Engine';
import type { FileChange } from './types';

const KINDS: Record<number, FileChange['kind']> = { 0: 'changed', 1: 'added', 2: 'deleted' };

/** The container's writable layer: what a commit would capture (`docker diff`). */
export async function containerChanges(engine: Engine, container: string): Promise<FileChange[]> {
  const raw: unknown = await engine.call(`read the changes of container ${container}`, (d) => d.getContainer(container).changes());
  // A container that changed nothing (one never started): the engine answers `null`, which
  // dockerode hands over as the raw bytes `null\n`, and a Buffer's map made rows of numbers.
  if (!Array.isArray(raw)) return [];
  return (raw as Array<{ Path: string; Kind: number }>).map((c) => ({ path: c.Path, kind: KINDS[c.Kind] ?? 'changed' })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
