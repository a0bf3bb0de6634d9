import type { ParsedReference } from '../../reference/types';

/**
 * Whether the reference, as written, says which registry it means. `app:v1` and
 * `team/app` do not (they mean Docker Hub by default, which surprises people who
 * meant their local registry); `docker.io/app` and `127.0.0.1:5000/app` do.
 */
export function namesRegistry(ref: ParsedReference): boolean {
  const text = ref.input.trim();
  const slash = text.indexOf('/');
  if (slash === -1) return false;
  const first = text.slice(0, slash);
  // The grammar's rule for the first component being a host: a dot, a port, or `localhost` (or an IPv6 literal).
  return first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[');
}
