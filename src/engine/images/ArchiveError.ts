/**
 * A file that is not an image archive `docker load` could take (or a damaged one),
 * found before anything was sent to the engine. Recognised by `name`.
 */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
