/**
 * The next page's path (with its query) from a `Link: <…>; rel="next"` header,
 * as the distribution spec paginates `/v2/_catalog` and `/tags/list`. A link
 * given as an absolute URL keeps only its path and query: the registry we asked
 * is the one we keep asking (and keep our credentials for). Undefined at the end.
 */
export function nextLink(header: string | string[] | undefined): string | undefined {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  for (const value of values) {
    for (const part of value.split(/,(?=\s*<)/)) {
      const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
      if (!m || !/(^|;)\s*rel="?next"?\s*(;|$)/i.test(m[2])) continue;
      const target = m[1];
      if (/^https?:\/\//i.test(target)) {
        const url = new URL(target);
        return url.pathname + url.search;
      }
      return target.startsWith('/') ? target : `/${target}`;
    }
  }
  return undefined;
}
