import type { ReferenceError, ReferenceMode } from './types';
import { makeError } from './makeError';
import { parseReference } from './parseReference';

/**
 * Checks what an input box asking for `repository[:tag]` received: any valid
 * reference without a digest, since a digest cannot be the target of a tag or push.
 */
export function validateRepository(value: string, mode: ReferenceMode = 'normalized'): ReferenceError | undefined {
  const result = parseReference(value, mode);
  if (!result.valid) return result.error;
  const digest = result.spans.digest;
  if (digest) return makeError('digest-not-allowed', 'a digest is not allowed here: give a repository and, optionally, a tag', digest.start - 1, digest.end);
  return undefined;
}
