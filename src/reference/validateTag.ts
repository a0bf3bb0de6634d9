import type { ReferenceError } from './types';
import { makeError } from './makeError';
import { scanTag } from './scanTag';

/** Checks a tag on its own (e.g. typed into "Tag image…"); spans are offsets into `tag`. */
export function validateTag(tag: string): ReferenceError | undefined {
  const end = scanTag(tag, 0);
  if (typeof end !== 'number') return end;
  if (end < tag.length) return makeError('invalid-char', "'@' is not allowed in a tag", end, end + 1);
  return undefined;
}
