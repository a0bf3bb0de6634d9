import type { ReferenceMode, ReferenceResult } from './types';
import { parseNormalized } from './parseNormalized';
import { parseStrict } from './parseStrict';

/**
 * Parses an image reference left to right, by hand, without regular
 * expressions or backtracking: each character is read a small fixed number
 * of times (a shortcut scan, the full one when the shortcut meets anything
 * unusual, and the text before the first '/' again to explain a failure), so
 * any input costs time linear in its length, and an invalid one gets the exact
 * span of what is wrong.
 *
 * `strict` reads the text as written (Go `reference.Parse`): a domain-shaped
 * first component followed by '/' is the domain, no defaults. `normalized`
 * reads it as `docker pull` does (Go `ParseNormalizedNamed`): the first
 * component is a registry only if it is `localhost`, has '.' or ':', or is not
 * all lowercase; otherwise `docker.io` (and `library/` for one component).
 * Like Go, a first component that `normalized` takes for a registry but that is
 * no valid host (e.g. `my_host.local/app`) is re-read strictly, as a path with
 * no domain.
 *
 * The two readings are two functions, not one with a flag: a process that uses
 * both (the language server does) would otherwise optimize one body for both,
 * and the strict reading ran a fifth slower for the normalized one's sake.
 */
export function parseReference(input: string, mode: ReferenceMode = 'normalized'): ReferenceResult {
  return mode === 'strict' ? parseStrict(input) : parseNormalized(input);
}
