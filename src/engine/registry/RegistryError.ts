import { EngineError, type EngineErrorKind } from '../EngineError';

/** Why a registry operation failed, for the UI to offer the next step (log in, retag, check the name). */
export type RegistryErrorReason =
  | 'noCredentials' // the registry wants a login and none is stored
  | 'unauthorized' // it refused the login we have (or the one just typed)
  | 'denied' // logged in, but this account may not do this here
  | 'nameUnknown' // no such repository in the registry
  | 'notFound' // no such tag/manifest in the registry
  | 'localMissing' // push: no such image or tag on this engine
  | 'unreachable' // nothing answers at the registry's address
  | 'dockerHub' // the name has no registry part, so it went to Docker Hub: probably not what was meant
  | 'rateLimited' // the registry says too many requests, for now
  | 'catalogUnsupported' // the registry does not list its repositories
  | 'tls' // the TLS connection failed (certificate not trusted, wrong name)
  | 'other';

/**
 * A push, pull or login the registry (through the engine) turned down, in plain
 * words. `retag` is the name the image would need for the registry the user most
 * likely meant, when the reason is `dockerHub`.
 */
export class RegistryError extends EngineError {
  constructor(
    message: string,
    kind: EngineErrorKind,
    operation: string,
    readonly reason: RegistryErrorReason,
    /** The registry asked, as the user knows it: `127.0.0.1:5000`, `docker.io`. */
    readonly registry: string,
    engineMessage?: string,
    readonly retag?: string,
  ) {
    super(message, kind, operation, undefined, engineMessage);
    this.name = 'RegistryError';
  }
}
