import { EngineError } from '../EngineError';

/**
 * Says which step of reaching an engine over SSH failed, from what ssh and the
 * remote docker wrote: the host, its key, the login, docker on the remote, its
 * socket. The last lines of stderr go along, since they are what the user can act on.
 */
export function explainSshFailure(url: string, stderr: string, exitCode: number | null): EngineError {
  // ssh ends its lines with CR LF on a pipe, and a remote can write any control character:
  // the message is one line of words (a CR in a tree row's label broke its menu in the editor).
  const lines = stderr.split(/\r\n|\r|\n/).map((l) => l.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim());
  const said = lines.filter((l) => l && !/^@+$/.test(l)).slice(-3).join(' ').slice(0, 600);
  const at = `Docker engine over SSH at ${url}`;
  const make = (what: string, kind: 'unreachable' | 'permission' | 'unauthorized' | 'engine') => new EngineError(`${at}: ${what} (ssh said: ${said || `exit ${exitCode}`})`, kind, `reach ${url}`);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed/i.test(stderr)) {
    return make('the host key has CHANGED since it was recorded in known_hosts; this may be an attack, or the host was reinstalled. Check the key with the host\'s owner before removing the old one (ssh-keygen -R)', 'unauthorized');
  }
  if (/Host key verification failed|No .*host key is known|host key .* not in .*known_hosts/i.test(stderr)) {
    const err = make('the host key is not known (not in known_hosts). Check Host Key… shows its fingerprint to accept (or connect once with ssh in a terminal), then try again', 'unauthorized');
    // By shape, as the extension tells it apart across bundles: it offers the fingerprint.
    return Object.assign(err, { unknownHostKeyOf: url });
  }
  if (/Can't open user config file|Bad configuration option|bad owner or permissions on/i.test(stderr)) {
    return make('ssh could not use its configuration', 'engine');
  }
  if (/Could not resolve hostname|Connection refused|Connection timed out|No route to host|Network is unreachable|Connection closed by .* port|kex_exchange_identification/i.test(stderr)) {
    return make('the host is unreachable', 'unreachable');
  }
  if (/Permission denied \((publickey|password|keyboard)/i.test(stderr) || /Too many authentication failures/i.test(stderr)) {
    return make('authentication was refused: no key of yours (agent, ~/.ssh or the config\'s IdentityFile) is accepted by the host', 'unauthorized');
  }
  if (/docker: (command )?not found|docker: No such file or directory/i.test(stderr) || exitCode === 127) {
    return make('there is no docker command on the remote host (docker system dial-stdio runs there)', 'engine');
  }
  if (/permission denied while trying to connect to the Docker daemon socket|dial unix .*: connect: permission denied/i.test(stderr)) {
    return make('permission denied on the remote Docker socket: the remote user needs to be in the docker group', 'permission');
  }
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|no such file or directory/i.test(stderr)) {
    return make('the remote docker found no engine running there', 'unreachable');
  }
  return make(`ssh ended (exit ${exitCode})`, 'unreachable');
}
