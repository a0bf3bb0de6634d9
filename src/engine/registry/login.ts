import { join } from 'node:path';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { CredentialHelperError } from '../credentials/CredentialHelperError';
import { dockerConfigDir } from '../credentials/dockerConfigDir';
import { DOCKER_HUB_KEY, registryKey } from '../credentials/registryKey';
import { storeCredentials } from '../credentials/storeCredentials';
import type { CredentialOptions, RegistryCredentials } from '../credentials/types';
import { explainRegistryError } from './explainRegistryError';
import { LoginNotStoredError } from './LoginNotStoredError';
import { RegistryError } from './RegistryError';

export interface LoginRequest {
  /** The registry: host[:port] (`127.0.0.1:5000`), an address (`http://…`), or none for Docker Hub. */
  readonly server?: string;
  readonly username: string;
  readonly password: string;
  /**
   * Store the login in config.json (unencrypted) rather than through the helper the
   * docker CLI would pick by default: the user's answer to a LoginNotStoredError.
   */
  readonly storeInFile?: boolean;
}

export interface LoginResult {
  /** The key the login is filed under (`127.0.0.1:5000`, `https://index.docker.io/v1/`). */
  readonly registry: string;
  /** Where the secret went: a credential helper's name (`pass`) or `file` (config.json). */
  readonly store: string;
  /** The registry gave an identity token, stored instead of the password. */
  readonly identityToken: boolean;
  /** The secret sits in config.json, base64 only: anyone who can read the file can read it. */
  readonly unencrypted: boolean;
  /** That config.json. */
  readonly configFile: string;
}

/**
 * Logs in as `docker login` does: the engine checks the credentials with the
 * registry first (POST /auth), and only then are they stored where the docker
 * CLI keeps them, so each sees the other's logins. A refused login stores nothing.
 */
export async function login(engine: Engine, request: LoginRequest, options: CredentialOptions = {}): Promise<LoginResult> {
  const key = registryKey(request.server?.trim() || DOCKER_HUB_KEY);
  const shown = key === DOCKER_HUB_KEY ? 'docker.io' : key;
  const operation = `log in to ${shown}`;
  if (!request.username) throw new EngineError(`Could not ${operation}: a user name is needed.`, 'badRequest', operation);
  if (!request.password) throw new EngineError(`Could not ${operation}: a password (or access token) is needed.`, 'badRequest', operation);

  let answer: { IdentityToken?: string; Status?: string } | undefined;
  try {
    answer = await engine.call(operation, (docker) =>
      docker.checkAuth({ username: request.username, password: request.password, serveraddress: key }) as Promise<typeof answer>,
    );
  } catch (err) {
    if (!(err instanceof EngineError) || err.statusCode === undefined) throw scrubbed(err, request.password);
    const said = err.engineMessage ?? err.message;
    const { reason, message } = explainRegistryError(said, { operation: 'login', registry: shown, username: request.username });
    const kind = reason === 'unauthorized' || reason === 'denied' ? 'unauthorized' : 'engine';
    throw scrubbed(new RegistryError(message, kind, operation, reason, shown, said), request.password);
  }

  const token = answer?.IdentityToken || undefined;
  const credentials: RegistryCredentials = token
    ? { serverAddress: key, username: request.username, identityToken: token }
    : { serverAddress: key, username: request.username, password: request.password };
  const configFile = join(dockerConfigDir(options), 'config.json');
  let store: string;
  try {
    store = await storeCredentials(credentials, options, { inFile: request.storeInFile });
  } catch (err) {
    const message = `${shown} accepted the login, but it could not be stored: ${(err as Error).message}`;
    // A store that is missing rather than broken has a way forward; the file is one only for the default helper nobody chose.
    if (err instanceof CredentialHelperError && (err.reason === 'notSetUp' || err.reason === 'unavailable')) {
      throw scrubbed(new LoginNotStoredError(message, operation, shown, err.helper, err.reason, configFile, err.detected), request.password);
    }
    throw scrubbed(new EngineError(message, 'engine', operation), request.password);
  }
  return { registry: key, store, identityToken: !!token, unencrypted: store === 'file', configFile };
}

/** No error leaving login may carry the password, whatever an engine or helper echoed. */
function scrubbed<T>(err: T, secret: string): T {
  if (err instanceof Error && secret && err.message.includes(secret)) {
    Object.defineProperty(err, 'message', { value: err.message.split(secret).join('***') });
  }
  if (err instanceof EngineError && err.engineMessage?.includes(secret)) {
    Object.defineProperty(err, 'engineMessage', { value: err.engineMessage.split(secret).join('***') });
  }
  return err;
}
