/** One engine Stowage knows of, and what it answered. */
export interface KnownEngine {
  /** The context name, or the URL for DOCKER_HOST, Podman's socket and added endpoints. */
  readonly name: string;
  readonly url: string;
  readonly origin: 'context' | 'DOCKER_HOST' | 'podman' | 'added';
  /** The docker CLI's current context (only for origin `context`). */
  readonly cliCurrent: boolean;
  readonly description?: string;
  readonly answers: boolean;
  readonly version?: string;
  readonly os?: string;
  readonly storageDriver?: string;
  /** Why it does not answer, or why it cannot be used. */
  readonly error?: string;
}
