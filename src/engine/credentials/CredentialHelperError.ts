import type { HelperFailure } from './classifyHelperError';

/**
 * A credential helper (`docker-credential-<name>`) failed. The message names the
 * helper and what it said, never the secret that went to it.
 */
export class CredentialHelperError extends Error {
  constructor(
    message: string,
    /** The helper's name, e.g. `pass`. */
    readonly helper: string,
    /** Why, as far as its words tell (classifyHelperError). */
    readonly reason: HelperFailure,
    /** Nobody named this helper: it is the platform default the docker CLI picks for a config.json with no login yet. */
    readonly detected = false,
  ) {
    super(message);
    this.name = 'CredentialHelperError';
  }

  /** The helper said it has no credentials for that server (not a failure for `get`/`erase`). */
  get notFound(): boolean {
    return this.reason === 'notFound';
  }
}
