import type { ParsedReference } from '../../reference/types';

/**
 * The repository as the engine's API wants it in a path, without tag or digest:
 * the familiar form (`app`, `127.0.0.1:5000/team/app`), which the engine reads
 * exactly as the grammar's normalized form.
 */
export function repositoryName(ref: ParsedReference): string {
  return ref.familiarName ?? (ref.domain ? `${ref.domain}/${ref.path}` : ref.path);
}
