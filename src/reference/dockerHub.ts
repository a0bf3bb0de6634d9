/** The names the normalized reading implies, as Go's `reference` package spells them. */
export const DEFAULT_DOMAIN = 'docker.io';
/** The legacy name of Docker Hub's registry, read as DEFAULT_DOMAIN. */
export const LEGACY_DOMAIN = 'index.docker.io';
/** The namespace of Docker Hub's official images, implied for a one-component name. */
export const OFFICIAL_NAMESPACE = 'library';
export const OFFICIAL_PREFIX = 'library/';
