import type { ProgressUpdate } from '../progress';
import type { LayerProgress, TransferState } from './TransferState';
import { formatBytes } from '../../shared/formatBytes';

const DONE = new Set(['pushed', 'exists', 'mounted', 'pulled']);

/**
 * One notification line and a fraction for a push or pull, e.g.
 * "2 of 5 layers done, 412 MB of 1.07 GB". The fraction averages the layers
 * (done = 1), since layers that already exist report no size.
 */
export function summarizeTransfer(state: TransferState): ProgressUpdate {
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
  const fraction = layers.reduce((sum, l) => sum + layerFraction(l), 0) / layers.length;
  const bytes = total > 0 ? `, ${formatBytes(moved)} of ${formatBytes(total)}` : '';
  return { message: `${done} of ${layers.length} layers done${bytes}`, fraction };
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

