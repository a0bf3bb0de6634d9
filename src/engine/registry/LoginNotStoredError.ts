import type { HelperFailure } from '../credentials/classifyHelperError';
import { EngineError } from '../EngineError';

/**
 * The registry accepted a login, but the credential helper could not store it
 * because its store is missing, not broken: e.g. `pass` is installed but was never
 * set up. When nobody named that helper (the docker CLI's default for a config.json
 * with no login), the caller may offer to store the login in config.json instead
 * (LoginRequest.storeInFile). Never holds the password.
 */
export class LoginNotStoredError extends EngineError {
  constructor(
    message: string,
    operation: string,
    /** The registry as shown, e.g. `127.0.0.1:5000` or `docker.io`. */
    readonly registry: string,
    /** The helper's name, e.g. `pass`. */
    readonly helper: string,
    readonly helperReason: HelperFailure,
    /** The config.json the login would go to instead. */
    readonly configFile: string,
    /** The helper is the CLI's default, not named in config.json: storing in the file instead is consistent with the CLI. */
    readonly fileAllowed: boolean,
  ) {
    super(message, 'engine', operation);
  }
}
