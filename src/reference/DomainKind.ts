/** What the reading found where a registry goes. */
export const enum DomainKind {
  /** No registry: strict with none written, or normalized re-reading an invalid host as path. */
  None = 0,
  /** The text before the first '/', as written. */
  Written = 1,
  /** Normalized: none written, so Docker Hub. */
  Implied = 2,
  /** Normalized: `index.docker.io` written, read as `docker.io`. */
  Legacy = 3,
}
