import type { ReferenceError } from './types';
import type { ReferenceErrorCode } from './ReferenceErrorCode';

export function makeError(code: ReferenceErrorCode, message: string, start: number, end: number): ReferenceError {
  return { code, message, start, end };
}
