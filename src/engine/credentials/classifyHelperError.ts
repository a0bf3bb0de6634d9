/**
 * Why a credential helper failed, read from what it said (helpers print their
 * error on stdout, docker-credential-helpers' way):
 * - `notFound`: it holds nothing for that server (ErrCredentialsNotFound), not a failure for `get`/`erase`;
 * - `notSetUp`: its store exists on this machine but was never set up: `pass`
 *   without `pass init` ("password store is empty"), or a store whose GnuPG key is gone;
 * - `unavailable`: the service behind it cannot be reached here (secretservice with no D-Bus session or keyring);
 * - `notInstalled` and `timedOut` are told by how the run ended, not by its words;
 * - `failed`: anything else.
 */
export type HelperFailure = 'notFound' | 'notSetUp' | 'unavailable' | 'notInstalled' | 'timedOut' | 'failed';

const NOT_FOUND = /credentials not found in native keychain/i;
const NOT_SET_UP = /pass not initiali[sz]ed|password store is empty|try "pass init"|password encryption aborted|encryption failed|no public key|unusable public key|no secret key/i;
const UNAVAILABLE = /cannot autolaunch d-bus|dbus[- ]launch|org\.freedesktop\.secrets|no such interface|failed to unlock|prompt dismissed|secret service/i;

export function classifyHelperError(said: string): HelperFailure {
  if (NOT_FOUND.test(said)) return 'notFound';
  if (NOT_SET_UP.test(said)) return 'notSetUp';
  if (UNAVAILABLE.test(said)) return 'unavailable';
  return 'failed';
}
