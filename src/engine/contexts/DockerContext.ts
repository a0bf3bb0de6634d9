/** One docker CLI context, as `docker context ls` shows it. */
export interface DockerContext {
  readonly name: string;
  readonly description: string;
  /** The docker endpoint, as DOCKER_HOST writes it; empty when the context has none. */
  readonly host: string;
  readonly skipTLSVerify: boolean;
  /** The TLS files stored with the context (`ca.pem`, `cert.pem`, `key.pem`), by name. */
  readonly tlsFiles: readonly string[];
  /** The folder holding them, whether or not it exists. */
  readonly tlsPath: string;
  /** The folder holding meta.json. */
  readonly metaPath: string;
  /** Why the context could not be read, when it could not (the CLI's ERROR column). */
  readonly error?: string;
}

/** Every context, and which one the docker CLI would use and why. */
export interface ContextList {
  /** `default` first (the CLI's built-in one: DOCKER_HOST or the default socket), then by name. */
  readonly contexts: readonly DockerContext[];
  /** The name of the current context. */
  readonly current: string;
  /** Where the current one comes from: the DOCKER_CONTEXT variable, config.json's currentContext, or neither. */
  readonly currentFrom: 'DOCKER_CONTEXT' | 'config.json' | 'default';
  /** DOCKER_HOST when set: the CLI then ignores the current context altogether. */
  readonly dockerHost?: string;
}
