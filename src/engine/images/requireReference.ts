import { parseReference } from '../../reference/parseReference';
import type { ParsedReference } from '../../reference/types';
import { InputError } from './InputError';

const FULL_ID = /^(sha256:)?[0-9a-f]{64}$/;

/**
 * Checks an image reference with the shared grammar, as the docker CLI reads it
 * (normalized: `busybox` is `docker.io/library/busybox`), and throws an InputError
 * with the position of the first problem. Returns the parse; the input itself is
 * what goes to the engine, so the engine sees exactly what the user wrote.
 * `allowId` also lets a full image ID through (`sha256:<64 hex>`), for operations
 * that take images rather than names.
 */
export function requireReference(input: string, field: string, options: { allowDigest?: boolean; allowId: true }): ParsedReference | { readonly id: string };
export function requireReference(input: string, field: string, options?: { allowDigest?: boolean; allowId?: false }): ParsedReference;
export function requireReference(
  input: string,
  field: string,
  options: { allowDigest?: boolean; allowId?: boolean } = {},
): ParsedReference | { readonly id: string } {
  if (options.allowId && FULL_ID.test(input)) return { id: input.startsWith('sha256:') ? input : `sha256:${input}` };
  if (input.length === 0) throw new InputError(field, input, 'an image reference is needed, e.g. name:tag', 0, 0);
  const parsed = parseReference(input, 'normalized');
  if (!parsed.valid) throw new InputError(field, input, parsed.error.message, parsed.error.start, parsed.error.end);
  if (parsed.digest && options.allowDigest === false) {
    const at = input.indexOf('@');
    throw new InputError(field, input, 'a digest names content, not a place: give name:tag here', at, input.length);
  }
  return parsed;
}
