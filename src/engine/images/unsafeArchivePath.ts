/**
 * Why a path inside an image archive would reach outside the folder the engine
 * unpacks it into, or undefined when it stays inside. `from` is the folder a
 * relative path starts at (a symlink's own folder); `a/../b` stays inside and is
 * fine, `../b` and `/b` are not. One pass over the text, no arrays: it runs for
 * every entry of archives that may hold a hundred thousand.
 */
export function unsafeArchivePath(path: string, from = ''): string | undefined {
  if (path.startsWith('/')) return 'is an absolute path';
  const depth = walk(from, 0);
  return walk(path, depth) < 0 ? 'climbs out of the archive with ../' : undefined;
}

/** The depth after following `path` from `depth`; negative as soon as it goes above the top. */
function walk(path: string, depth: number): number {
  let start = 0;
  while (start <= path.length) {
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    const length = end - start;
    if (length === 2 && path.charCodeAt(start) === 0x2e && path.charCodeAt(start + 1) === 0x2e) {
      if (--depth < 0) return depth;
    } else if (length > 0 && !(length === 1 && path.charCodeAt(start) === 0x2e)) {
      depth++;
    }
    start = end + 1;
  }
  return depth;
}
