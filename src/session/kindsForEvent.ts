import type { EngineEvent } from '../engine/types';

export type ChangeKind = 'images' | 'containers';

// Container events that change what the Images view shows: a commit makes an image, and
// which containers use an image decides what removing it means.
const CONTAINER_ACTIONS_AFFECTING_IMAGES = new Set(['create', 'destroy', 'commit']);

// Events of reads, which change nothing a view shows. Stowage causes them itself: reading
// an image's layers exports it (`save`), a container's Files are stat'ed and read through
// its archive (`archive-path`), and Open Shell resizes its exec. Refreshing on them made
// the tree list again under the user's hand (a right-click in that moment gets no row),
// and a view of container files that refreshes on its own archive reads never settles.
// `exec_die` stays: an exec may have changed the container's files.
const IMAGE_READS = new Set(['save']);
const CONTAINER_READS = new Set(['archive-path', 'export', 'top', 'resize', 'attach', 'detach', 'exec_create', 'exec_start', 'exec_detach']);

/** Which views an engine event makes stale. */
export function kindsForEvent(e: EngineEvent): ChangeKind[] {
  if (e.type === 'image') return IMAGE_READS.has(e.action) ? [] : ['images'];
  if (e.type !== 'container') return [];
  // Docker adds the command to exec events ("exec_start: sh -c …"), and the status to health_status.
  const action = e.action.split(':', 1)[0];
  if (CONTAINER_READS.has(action)) return [];
  return CONTAINER_ACTIONS_AFFECTING_IMAGES.has(action) ? ['containers', 'images'] : ['containers'];
}
