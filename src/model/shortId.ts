/** The 12-character ID the docker CLI shows, without the `sha256:` prefix. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
