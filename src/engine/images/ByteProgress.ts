import type { ProgressUpdate } from '../progress';

/** A progress update of a byte stream: the shared shape, plus the counts for callers that want them. */
export interface ByteProgress extends ProgressUpdate {
  readonly bytes: number;
  /** Known for load (the file's size); an estimate for save (the images' sizes). */
  readonly totalBytes?: number;
}
