import type { EngineEvent } from '../engine/types';

export type ChangeKind = 'images' | 'containers';

// Container events that change what the Images view shows: a commit makes an image, and
// which containers use an image decides what removing it means.
const CONTAINER_ACTIONS_AFFECTING_IMAGES = new Set(['create', 'destroy', 'commit']);

/** Which views an engine event makes stale. */
export function kindsForEvent(e: EngineEvent): ChangeKind[] {
  if (e.type === 'image') return ['images'];
  if (e.type === 'container') return CONTAINER_ACTIONS_AFFECTING_IMAGES.has(e.action) ? ['containers', 'images'] : ['containers'];
  return [];
}
