/**
 * A credential helper (`docker-credential-<name>`) failed. The message names the
 * helper and what it said, never the secret that went to it.
 */
export class CredentialHelperError extends Error {
  constructor(
    message: string,
    /** The helper's name, e.g. `pass`. */
    readonly helper: string,
    /** The helper said it has no credentials for that server (not a failure for `get`/`erase`). */
    readonly notFound: boolean,
  ) {
    super(message);
    this.name = 'CredentialHelperError';
  }
}
