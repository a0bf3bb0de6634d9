/**
 * Whether `path`, whose last slash is at `slash`, lies directly in `folder`. A tar lists a
 * folder's entries together, so the walks over a layer's entries keep the previous entry's
 * folder and skip its lookup when this holds: `slash` equal to the folder's length is what
 * makes `a/b/c` in `a/b` and `a/bc/d` not.
 */
export function inFolder(path: string, slash: number, folder: string | undefined): boolean {
  return folder !== undefined && slash === folder.length && path.startsWith(folder);
}
