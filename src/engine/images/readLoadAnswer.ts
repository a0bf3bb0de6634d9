import type { Readable } from 'node:stream';
import { parseLoadAnswer, type LoadAnswer } from './parseLoadAnswer';

export type { LoadAnswer } from './parseLoadAnswer';

/** The load answer is a few lines per image, but a non-quiet one repeats progress; cap what is kept. */
const MAX_ANSWER = 4 * 1024 * 1024;

/** Reads the engine's whole answer to a load and parses it. */
export async function readLoadAnswer(response: Readable, signal?: AbortSignal): Promise<LoadAnswer> {
  const kept: Buffer[] = [];
  let size = 0;
  let lastLines = '';
  for await (const chunk of response) {
    signal?.throwIfAborted();
    const buf = chunk as Buffer;
    if (size + buf.length <= MAX_ANSWER) {
      kept.push(buf);
      size += buf.length;
    } else {
      // Past the cap only progress can be repeating; the verdict comes at the end.
      lastLines = (lastLines + buf.toString('utf8')).slice(-64 * 1024);
    }
  }
  return parseLoadAnswer(Buffer.concat(kept).toString('utf8') + lastLines);
}
