import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { DOCKER_HUB_KEY, registryKey } from '../credentials/registryKey';
import { storeCredentials } from '../credentials/storeCredentials';
import type { CredentialOptions, RegistryCredentials } from '../credentials/types';
import { explainRegistryError } from './explainRegistryError';
import { RegistryError } from './RegistryError';

export interface LoginRequest {
  /** The registry: host[:port] (`127.0.0.1:5000`), an address (`http://…`), or none for Docker Hub. */
  readonly server?: string;
  readonly username: string;
  readonly password: string;
}

export interface LoginResult {
  /** The key the login is filed under (`127.0.0.1:5000`, `https://index.docker.io/v1/`). */
  readonly registry: string;
  /** Where the secret went: a credential helper's name (`pass`) or `file` (config.json). */
  readonly store: string;
  /** The registry gave an identity token, stored instead of the password. */
  readonly identityToken: boolean;
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
  let store: string;
  try {
    store = await storeCredentials(credentials, options);
  } catch (err) {
    throw scrubbed(new EngineError(`${shown} accepted the login, but it could not be stored: ${(err as Error).message}`, 'engine', operation), request.password);
  }
  return { registry: key, store, identityToken: !!token };
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
