import type { HostKeyOffer } from '../engine/ssh/HostKeyOffer';

/** `ED25519`, `ECDSA`, `RSA`: the key's kind as ssh names it in its question. */
function kindOf(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType.startsWith('ecdsa-')) return 'ECDSA';
  if (keyType === 'ssh-rsa') return 'RSA';
  return keyType.toUpperCase();
}

/** The question ssh asks on first contact, in its own words, and what accepting does. */
export function describeHostKeyOffer(offer: HostKeyOffer): { message: string; detail: string } {
  const kind = kindOf(offer.keyType);
  if (offer.state === 'changed') {
    return {
      message: `The host key of ${offer.knownHostsName} has CHANGED since it was recorded in ${offer.knownHostsFile}.`,
      detail: `It now presents an ${kind} key with fingerprint ${offer.fingerprint}. Someone may be intercepting the connection, or the host was reinstalled. Stowage does not replace a recorded key: check the new one with the host's owner, then remove the old one (ssh-keygen -R '${offer.knownHostsName}').`,
    };
  }
  if (offer.state === 'known') {
    return { message: `The host key of ${offer.knownHostsName} is already known.`, detail: `${kind} key fingerprint is ${offer.fingerprint}.` };
  }
  return {
    message: `The authenticity of host '${offer.knownHostsName}' can't be established.`,
    detail: `${kind} key fingerprint is ${offer.fingerprint}.\n\nCompare it with the fingerprint the host's owner gives you (on the host: ssh-keygen -lf /etc/ssh/ssh_host_${kind.toLowerCase()}_key.pub). Accept records the key in ${offer.knownHostsFile}, as ssh does; a different key later is refused.`,
  };
}
