import type { InvalidReference, ReferenceError } from './types';

export function invalidReference(input: string, error: ReferenceError): InvalidReference {
  return { valid: false, input, error };
}
