import type { ReferenceError } from './types';
import { makeError } from './makeError';

/** The limit Go puts on the repository path, `library/` included when the reading implies it. */
export const NAME_MAX = 255;

export function nameTooLong(pathStart: number, pathEnd: number, pathLength: number, library: boolean): ReferenceError {
  const counted = library ? ', counting the implied library/' : '';
  return makeError('name-too-long', `repository name longer than ${NAME_MAX} characters (found ${pathLength}${counted})`, pathStart, pathEnd);
}
