import type { ReferenceError } from './types';
import { Ch } from './charClass';
import { HeadShape, headKind } from './headKind';
import { makeError } from './makeError';
import { scanHost } from './scanHost';

/** What is wrong with a text before the first '/' that was meant as a registry and is not a valid host. */
export function registryError(s: string, head: number): ReferenceError | undefined {
  if (s.charCodeAt(head - 1) === Ch.Colon && s.charCodeAt(head + 1) === Ch.Slash) {
    return makeError('scheme', `a reference has no URL scheme; remove '${s.slice(0, Math.min(head, 20))}//'`, 0, head + 2);
  }
  return scanHost(s, 0, head);
}

/**
 * When the text before the first '/' was meant as a registry but is not a
 * valid host, the path reading fails too; the host's reason is the useful one
 * as long as the path reading failed inside that same text. Whether it was
 * meant as a registry, and what is wrong with it, are worked out only here, on
 * the way out of a failure.
 */
export function explainFailure(s: string, head: number, headShape: HeadShape, failure: ReferenceError): ReferenceError {
  if (headShape === HeadShape.Plain || failure.start > head) return failure;
  if (headShape === HeadShape.Unread && headKind(s, head) < HeadShape.Registry) return failure;
  return registryError(s, head) ?? failure;
}
