import type { ByteProgress } from './ByteProgress';
import { formatBytes } from '../../shared/formatBytes';

/** A notification cannot show more than a few updates a second; more only costs. */
const INTERVAL_MS = 100;

/**
 * Counts the bytes of a stream as they pass (a 'data' listener, not another
 * stream in the pipeline, so it adds no copy and no buffering) and reports them
 * at most every 100 ms. `estimate` marks a total that is a guess: the fraction
 * then stops short of 1 until `finish`.
 */
export function trackBytes(
  stream: NodeJS.ReadableStream,
  verb: string,
  totalBytes: number | undefined,
  onProgress: ((update: ByteProgress) => void) | undefined,
  estimate = false,
): { bytes(): number; finish(): void } {
  let bytes = 0;
  let last = 0;
  const report = (final: boolean) => {
    if (!onProgress) return;
    const of = totalBytes ? ` of ${estimate && !final ? 'about ' : ''}${formatBytes(final ? Math.max(bytes, estimate ? bytes : totalBytes) : totalBytes)}` : '';
    const fraction = totalBytes ? (final ? 1 : Math.min(bytes / totalBytes, estimate ? 0.99 : 1)) : undefined;
    onProgress({ message: `${verb} ${formatBytes(bytes)}${of}`, fraction, bytes, totalBytes: final && estimate ? bytes : totalBytes });
  };
  // A 'data' listener alone would start the stream flowing before it is piped
  // anywhere, losing what flows; paused, it waits for the pipe to resume it.
  if ((stream as { readableFlowing?: boolean | null }).readableFlowing === null) stream.pause();
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    const now = Date.now();
    if (now - last >= INTERVAL_MS) {
      last = now;
      report(false);
    }
  });
  return {
    bytes: () => bytes,
    finish: () => report(true),
  };
}

