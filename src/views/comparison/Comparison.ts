import type { ImageComparison } from '../../model/layers/compareImages';
import type { ImageFs } from '../imagefs/imageFsCache';

/** Two images compared: A (the one right-clicked) against B (the one picked). */
export interface Comparison {
  readonly a: { readonly reference: string; readonly fs: ImageFs };
  readonly b: { readonly reference: string; readonly fs: ImageFs };
  readonly result: ImageComparison;
  /** The pinned engine both images are on, when it is not the one Stowage uses. */
  readonly engine?: string;
}
