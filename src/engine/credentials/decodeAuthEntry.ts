import type { DockerAuthEntry } from './types';

/**
 * The username and password in an `auths` entry's `auth` (base64 of `user:password`),
 * plus its identity token. Undefined when the entry holds neither (the `{}` the CLI
 * leaves when a helper has the secret). Errors name the registry, never the content.
 */
export function decodeAuthEntry(entry: DockerAuthEntry | undefined, registry: string): { username?: string; password?: string; identityToken?: string } | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const identityToken = typeof entry.identitytoken === 'string' && entry.identitytoken ? entry.identitytoken : undefined;
  if (typeof entry.auth !== 'string' || entry.auth === '') return identityToken ? { identityToken } : undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new Error(`The docker config's login for ${registry} is damaged ("auth" is not base64 of user:password); log in again.`);
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // With an identity token the CLI keeps the username and drops the password.
  return identityToken ? { username, identityToken } : { username, password };
}
