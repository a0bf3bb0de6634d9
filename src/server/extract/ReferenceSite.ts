/** Where in a file kind a reference was written; says which extractor found it and why. */
export type SiteKind =
  | 'dockerfile-from'
  | 'dockerfile-copy-from'
  | 'dockerfile-mount-from'
  | 'compose-image'
  | 'kubernetes-container'
  | 'devcontainer-image'
  | 'workflow-container'
  | 'workflow-service'
  | 'workflow-uses'
  | 'gitlab-image'
  | 'gitlab-service'
  | 'action-image'
  | 'argo-container'
  | 'tekton-step'
  | 'prometheus-image'
  | 'helm-image'
  | 'ci-image'
  | 'jenkins-image';

/**
 * What a site holds: an image reference to check; a build stage or `scratch` (not an
 * image); a value that depends on a variable this file cannot resolve (not checked);
 * or nothing yet (a completion slot).
 */
export type SiteRole = 'image' | 'stage' | 'scratch' | 'unresolved' | 'empty';

/** One place in a file where an image reference goes. Offsets are UTF-16, half-open. */
export interface ReferenceSite {
  /** The reference as it will be read: after variable substitution, without quotes. */
  readonly value: string;
  /** The written text's range in the file. */
  readonly start: number;
  readonly end: number;
  /** True when `value` is exactly the text at [start, end): the grammar's sub-ranges then map one to one. */
  readonly exact: boolean;
  readonly role: SiteRole;
  readonly kind: SiteKind;
  /** Human context for hover: `container web`, `service db`, `stage build`… */
  readonly label: string;
  /** For `unresolved`: the variables it depends on. */
  readonly variables?: readonly string[];
  /**
   * Every owner of a value written once and used by several (a YAML anchor merged or
   * aliased into many services): the value is one site, reported once, naming them.
   */
  readonly usedBy?: readonly string[];
  /**
   * The name a build gives its result (a Compose service with both `build` and `image`):
   * checked against the grammar, but never pulled, so the rules about what a pull would
   * get (no tag, `latest`, no digest) do not apply.
   */
  readonly built?: boolean;
}

/** A site moved by `delta` (a chunk's sites are kept relative to the chunk). */
export function shiftSite(site: ReferenceSite, delta: number): ReferenceSite {
  if (delta === 0) return site;
  // Spelled out rather than spread: object spread is many times slower here, and this runs for every site on every edit.
  const { value, exact, role, kind, label, variables, usedBy, built } = site;
  return { value, start: site.start + delta, end: site.end + delta, exact, role, kind, label, variables, usedBy, built };
}
