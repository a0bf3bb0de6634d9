import type { LayerPhase, LayerProgress, ProgressMessage, TransferState } from './TransferState';
import { EMPTY_TRANSFER } from './TransferState';

/** The engine's per-layer status words (distribution/xfer and the pull/push code) and what they mean. */
const PHASES: Record<string, LayerPhase> = {
  Preparing: 'preparing',
  Waiting: 'waiting',
  Pushing: 'pushing',
  Pushed: 'pushed',
  'Layer already exists': 'exists',
  'Already exists': 'exists',
  'Pulling fs layer': 'waiting',
  Downloading: 'downloading',
  'Verifying Checksum': 'verifying',
  'Download complete': 'downloaded',
  Extracting: 'extracting',
  'Pull complete': 'pulled',
};

/** Phases whose progressDetail counts bytes. */
const MOVING = new Set<LayerPhase>(['pushing', 'downloading', 'extracting']);

/**
 * Folds one line of the engine's push or pull progress stream into the transfer's
 * state. Pure: same state and message, same result; the input is never changed.
 */
export function reduceLayerProgress(state: TransferState = EMPTY_TRANSFER, message: ProgressMessage): TransferState {
  const error = message.errorDetail?.message ?? message.error;
  if (error) return { ...state, error: error.trim() };

  if (message.aux && typeof message.aux.Tag === 'string' && typeof message.aux.Digest === 'string') {
    const pushed = { tag: message.aux.Tag, digest: message.aux.Digest, size: message.aux.Size ?? 0 };
    return { ...state, pushed: [...state.pushed.filter((p) => p.tag !== pushed.tag), pushed] };
  }

  const status = message.status?.trim() ?? '';
  if (!status) return state;
  if (status.startsWith('Digest: ')) return { ...state, digest: status.slice('Digest: '.length).trim() };
  if (status.startsWith('Status: ')) return { ...state, status: status.slice('Status: '.length).trim() };

  const id = message.id;
  if (!id) return state;
  const layer = layerUpdate(status, message);
  // Lines with an id that are not layer news ("Pulling from app", a tag's id) change nothing.
  if (!layer) return state;

  const index = state.layers.findIndex((l) => l.id === id);
  const previous = index === -1 ? undefined : state.layers[index];
  // A push of several tags goes through the same layers again ("Preparing", then "already exists"): each line restates the layer.
  const next: LayerProgress = { id, ...layer };
  if (previous && sameLayer(previous, next)) return state;
  const layers = index === -1 ? [...state.layers, next] : state.layers.map((l, i) => (i === index ? next : l));
  return { ...state, layers };
}

function layerUpdate(status: string, message: ProgressMessage): Omit<LayerProgress, 'id'> | undefined {
  const mounted = /^Mounted from (.+)$/.exec(status);
  if (mounted) return { phase: 'mounted', from: mounted[1].trim() };
  if (/^Retrying in \d+ seconds?$/.test(status)) return { phase: 'retrying' };
  const phase = PHASES[status];
  if (!phase) return undefined;
  if (!MOVING.has(phase)) return { phase };
  const current = message.progressDetail?.current;
  const total = message.progressDetail?.total;
  return {
    phase,
    ...(typeof current === 'number' ? { current } : {}),
    ...(typeof total === 'number' && total > 0 ? { total } : {}),
  };
}

function sameLayer(a: LayerProgress, b: LayerProgress): boolean {
  return a.phase === b.phase && a.current === b.current && a.total === b.total && a.from === b.from;
}
