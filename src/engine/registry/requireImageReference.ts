import { EngineError } from '../EngineError';
import { parseReference } from '../../reference/parseReference';
import type { ParsedReference } from '../../reference/types';

/**
 * Checks a reference with the shared grammar, as the docker CLI reads it
 * (`app:v1` is `docker.io/library/app:v1`), before anything goes to the engine.
 * Throws an EngineError (`badRequest`) saying what is wrong and where.
 */
export function requireImageReference(input: string, operation: string): ParsedReference {
  const text = input.trim();
  if (!text) throw new EngineError(`Could not ${operation}: an image reference is needed, e.g. 127.0.0.1:5000/app:v1.`, 'badRequest', operation);
  const parsed = parseReference(text, 'normalized');
  if (!parsed.valid) {
    const at = parsed.error.end > parsed.error.start ? ` (characters ${parsed.error.start + 1}–${parsed.error.end})` : ` (at character ${parsed.error.start + 1})`;
    throw new EngineError(`Could not ${operation}: "${text}" is not a valid image reference: ${parsed.error.message}${at}.`, 'badRequest', operation);
  }
  return parsed;
}
