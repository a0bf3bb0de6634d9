import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostKeyOffer } from './HostKeyOffer';
import { recordedKeys } from './readHostKey';

/** A host name as ssh hashes it in known_hosts (HashKnownHosts): `|1|salt|HMAC-SHA1(salt, name)`. */
export function hashHostName(name: string, salt: Buffer = randomBytes(20)): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

/**
 * Records a host key the user accepted, as ssh does after "Are you sure you want to
 * continue connecting": one line appended to the first UserKnownHostsFile (its
 * folder made 0700 and the file 0600 if new), the name hashed when HashKnownHosts
 * says so. Only an unknown key: a changed one is refused, whatever the caller says,
 * and a file that meanwhile gained a key for the host is left alone. The next
 * connection is checked by ssh itself against this line, so a key swapped between
 * the question and the connection is refused there.
 */
export async function recordHostKey(offer: HostKeyOffer, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (offer.state === 'changed') throw new Error(`the host key of ${offer.knownHostsName} has CHANGED since it was recorded in ${offer.knownHostsFile}; it is not replaced from here. Check the key with the host's owner (ssh-keygen -R removes the old one).`);
  if (offer.state === 'known') return;
  if (!/^[A-Za-z0-9+/=]+$/.test(offer.key) || !/^[a-z0-9@.-]+$/.test(offer.keyType)) throw new Error(`the host key of ${offer.knownHostsName} is malformed`);
  const file = offer.knownHostsFile;
  if ((await recordedKeys(offer.knownHostsName, [file], env)).length > 0) {
    throw new Error(`${file} gained a key for ${offer.knownHostsName} since the question was asked; connect again to check it`);
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const name = offer.hashNames ? hashHostName(offer.knownHostsName) : offer.knownHostsName;
  // A file whose last line has no newline would otherwise merge with ours.
  const needsNewline = existsSync(file) && statSync(file).size > 0 && !readFileSync(file).subarray(-1).equals(Buffer.from('\n'));
  appendFileSync(file, `${needsNewline ? '\n' : ''}${name} ${offer.keyType} ${offer.key}\n`, { mode: 0o600 });
}
