/** Where the engine is, and why Stowage chose it: the user is always shown both. */
export interface Endpoint {
  /** The endpoint as a URL-ish string, e.g. `unix:///var/run/docker.sock`, `tcp://10.0.0.2:2376`. */
  readonly url: string;
  readonly kind: 'unix' | 'tcp' | 'ssh' | 'npipe';
  /** For unix and npipe. */
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  /** ssh user, when the URL names one. */
  readonly username?: string;
  /** For tcp: TLS material, read from DOCKER_CERT_PATH (or the context's TLS folder). */
  readonly tls?: { readonly verify: boolean; readonly certPath?: string };
  /** `setting`, `DOCKER_HOST`, `context "name"`, or `default`. */
  readonly source: string;
}
