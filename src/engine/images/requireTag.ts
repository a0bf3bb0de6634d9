import { validateTag } from '../../reference/validateTag';
import { InputError } from './InputError';

/** Checks a tag on its own (commit's tag field) with the shared grammar, throwing an InputError at the problem. */
export function requireTag(tag: string, field: string): void {
  const error = validateTag(tag);
  if (error) throw new InputError(field, tag, error.message, error.start, error.end);
}
