import { parseReference } from '../../reference/parseReference';
import type { EntryProblem } from './parseRegistryAddress';

export type RepositoryPath = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly error: EntryProblem };

/**
 * A repository path under a registry, as the API names it (`team/app`;
 * `library/busybox` on Docker Hub for `busybox`), checked by the reference
 * grammar with the registry in front, so a bad character is pointed at where it
 * was typed. A tag or digest is refused: a repository holds the tags.
 */
export function parseRepositoryPath(domain: string, text: string): RepositoryPath {
  const lead = text.length - text.trimStart().length;
  const typed = text.trim();
  if (!typed) return { ok: false, error: { problem: 'it is empty: give the repository path, e.g. team/app', start: 0, end: text.length } };
  const prefix = `${domain}/`;
  // Read as `docker pull` reads a name: a first component with a dot, a colon or `localhost` is a registry.
  const head = typed.split('/')[0];
  if (typed.includes('/') && !typed.startsWith(prefix) && (/[.:]/.test(head) || head === 'localhost')) {
    return { ok: false, error: { problem: `names registry ${head}, not ${domain}: give the path under ${domain} (a first component with a dot is read as a registry; write ${prefix}… in front to keep it)`, start: lead, end: lead + head.length } };
  }
  const relative = typed.startsWith(prefix) ? typed.slice(prefix.length) : typed;
  const offset = lead + (typed.length - relative.length);
  const full = `${prefix}${relative}`;
  const at = (start: number, end: number) => ({ start: Math.max(offset, offset + start - prefix.length), end: Math.max(offset + 1, offset + end - prefix.length) });
  const parsed = parseReference(full, 'normalized');
  if (!parsed.valid) return { ok: false, error: { problem: parsed.error.message, ...at(parsed.error.start, parsed.error.end) } };
  const extra = parsed.spans.digest ?? parsed.spans.tag;
  if (extra) return { ok: false, error: { problem: 'a repository alone, without a tag or digest: its tags are listed under it', ...at(extra.start - 1, extra.end) } };
  return { ok: true, path: parsed.path };
}
