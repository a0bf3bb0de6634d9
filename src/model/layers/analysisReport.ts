import type { ImageLayers } from '../../engine/layers/LayerEntry';
import type { DiveFigures, StackFigures } from './stackLayers';

/** `stowage analyze --json`: one object, layers bottom-up. */
export interface AnalysisReport {
  readonly image: string;
  readonly id: string;
  readonly sizeBytes: number;
  readonly visibleBytes: number;
  readonly hiddenBytes: number;
  readonly efficiency: number;
  readonly layers: ReadonlyArray<{ diffId: string; command: string | null; sizeBytes: number; added: number; modified: number; removed: number }>;
  /** `layers` are indexes into `layers` above (0 = bottom). */
  readonly largestHidden: ReadonlyArray<{ path: string; bytes: number; layers: readonly number[] }>;
  readonly dive: DiveFigures;
}

export function analysisReport(image: string, read: ImageLayers, figures: StackFigures): AnalysisReport {
  return {
    image,
    id: read.id,
    sizeBytes: figures.sizeBytes,
    visibleBytes: figures.visibleBytes,
    hiddenBytes: figures.hiddenBytes,
    efficiency: figures.efficiency,
    layers: read.layers.map((layer, i) => ({ diffId: layer.diffId, command: layer.command ?? null, ...figures.layers[i] })),
    largestHidden: figures.largestHidden.map((h) => ({ path: `/${h.path}`, bytes: h.bytes, layers: h.layers })),
    dive: figures.dive,
  };
}
