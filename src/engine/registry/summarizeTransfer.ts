import type { ProgressUpdate } from '../progress';
import type { LayerProgress, TransferState } from './TransferState';
import { formatBytes } from '../../shared/formatBytes';
import { plural } from '../../model/plural';

const DONE = new Set(['pushed', 'exists', 'mounted', 'pulled']);

/** Phases in which the engine is still naming the layers it will move. */
const ANNOUNCING = new Set(['preparing', 'waiting']);

/**
 * One notification line and a fraction for a push or pull, e.g.
 * "2 of 5 layers done, 412 MB of 1.07 GB". The fraction averages the layers
 * (done = 1), since layers that already exist report no size. The engine names
 * layers one message at a time, so a count is only a total once it is known:
 * `expectedLayers` (a push reads it from the image's rootfs beforehand), or once
 * a layer has moved on from being announced (the engine names them all first).
 * Until then no total and no fraction are shown (not "0 of 1 layers").
 */
export function summarizeTransfer(state: TransferState, expectedLayers?: number): ProgressUpdate {
  const layers = state.layers;
  if (state.error) return { message: state.error };
  if (layers.length === 0) return { message: state.status ?? 'Starting…' };
  const done = layers.filter((l) => DONE.has(l.phase)).length;
  let moved = 0;
  let total = 0;
  for (const l of layers) {
    if (l.total === undefined) continue;
    total += l.total;
    moved += DONE.has(l.phase) ? l.total : Math.min(l.current ?? 0, l.total);
  }
  const bytes = total > 0 ? `, ${formatBytes(moved)} of ${formatBytes(total)}` : '';
  const known = expectedLayers !== undefined || layers.some((l) => !ANNOUNCING.has(l.phase));
  if (!known) return { message: `${plural(layers.length, 'layer')} so far, ${done} done${bytes}` };
  const count = Math.max(expectedLayers ?? 0, layers.length);
  const fraction = layers.reduce((sum, l) => sum + layerFraction(l), 0) / count;
  return { message: `${done} of ${plural(count, 'layer')} done${bytes}`, fraction };
}

function layerFraction(l: LayerProgress): number {
  if (DONE.has(l.phase)) return 1;
  const part = l.total ? Math.min((l.current ?? 0) / l.total, 1) : 0;
  switch (l.phase) {
    case 'pushing':
      return part;
    // A pull moves each layer twice, over the network and onto disk: half each.
    case 'downloading':
      return part / 2;
    case 'verifying':
    case 'downloaded':
      return 0.5;
    case 'extracting':
      return 0.5 + part / 2;
    default:
      return 0;
  }
}

