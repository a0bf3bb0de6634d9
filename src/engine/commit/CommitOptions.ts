/** `docker commit`'s options, one for one. */
export interface CommitOptions {
  /** Without it the image is `<none>:<none>`. May include a registry and namespace, not a tag. */
  readonly repository?: string;
  /** Needs a repository; defaults to `latest` on the engine's side when a repository is given. */
  readonly tag?: string;
  readonly author?: string;
  /** The commit message (`docker commit -m`, the engine's `comment`). */
  readonly message?: string;
  /** Dockerfile instructions applied to the new image's config, each checked by validateChange. */
  readonly changes?: readonly string[];
  /** Pause the container while committing, as `docker commit` does by default. */
  readonly pause?: boolean;
}
