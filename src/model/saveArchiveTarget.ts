/**
 * The extensions the save dialog offers, one per entry. Its filter is matched
 * against the last extension of the typed name only (VS Code's simple file dialog,
 * which code-server uses, does so and appends the first extension on no match), so
 * a `tar.gz` entry could never match and `x.tar.gz` became `x.tar.gz.tar`; `gz`
 * matches it.
 */
export const ARCHIVE_EXTENSIONS: readonly string[] = ['tar', 'gz', 'tgz'];

/**
 * The file a save writes, from the name the dialog returned: exactly that name,
 * gzip-compressed when it ends in `.gz` or `.tgz`. Stowage never adds an extension;
 * a `.tar` that a dialog appended to a compressed name (`x.tar.gz.tar`, `x.tgz.tar`:
 * nobody types those) is taken off again.
 */
export function saveArchiveTarget(chosen: string): { path: string; gzip: boolean } {
  const path = /\.(gz|tgz)\.tar$/i.test(chosen) ? chosen.slice(0, -'.tar'.length) : chosen;
  return { path, gzip: /\.(gz|tgz)$/i.test(path) };
}
