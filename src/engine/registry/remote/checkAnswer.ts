import type { RegistryError } from '../RegistryError';
import type { RegistryClient, RegistryResponse, RequestOptions } from './RegistryClient';
import { parseChallenge } from './parseChallenge';

/** The first error code of a distribution-spec error body (`NAME_UNKNOWN`, `MANIFEST_UNKNOWN`, `DENIED`…). */
export function errorCode(res: RegistryResponse): string | undefined {
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { errors?: Array<{ code?: unknown }> };
    const code = body.errors?.[0]?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** A Bearer challenge that says the token was good but did not grant what was asked. */
export function isInsufficientScope(res: RegistryResponse): boolean {
  const header = res.headers['www-authenticate'];
  return parseChallenge(Array.isArray(header) ? header[0] : header)?.params.error === 'insufficient_scope';
}

/**
 * The answer when it is a success; otherwise the failure in plain words:
 * 401 log in, 403 no access, 404 no such repository or tag, 429 with its reset time.
 */
export async function checkAnswer(client: RegistryClient, res: RegistryResponse, req: Pick<RequestOptions, 'what'>, subject: { repository?: string; tag?: string }): Promise<RegistryResponse> {
  if (res.status >= 200 && res.status < 300) return res;
  const registry = client.host.domain;
  let error: RegistryError;
  switch (res.status) {
    case 401:
      // A token the issuer gave that still lacks the scope: the account has no access there, not a bad login.
      error =
        isInsufficientScope(res) && (await client.storedCredentials().catch(() => undefined))
          ? client.fail(req, 'denied', 'unauthorized', `${registry} refuses this account access${subject.repository ? ` to repository ${subject.repository}` : ''} (401 insufficient_scope).`)
          : await client.unauthorizedError(req);
      break;
    case 403:
      error = client.fail(req, 'denied', 'unauthorized', `${registry} refuses this account access${subject.repository ? ` to repository ${subject.repository}` : ''} (403 Forbidden).`);
      break;
    case 404: {
      const code = errorCode(res);
      error =
        subject.tag && code !== 'NAME_UNKNOWN'
          ? client.fail(req, 'notFound', 'notFound', `${registry} has no tag ${subject.tag} in repository ${subject.repository} (404 Not Found).`)
          : client.fail(req, 'nameUnknown', 'notFound', `${registry} has no repository ${subject.repository ?? ''} (404 Not Found).`.replace(' repository  (', ' such path ('));
      break;
    }
    case 429:
      error = client.rateLimited(req, res.headers);
      break;
    case 405:
      error = client.fail(req, 'other', 'engine', `${registry} does not allow this (405 Method Not Allowed).`);
      break;
    default:
      error = client.fail(req, 'other', 'engine', `${registry} answered ${res.status}${errorCode(res) ? ` (${errorCode(res)})` : ''}.`);
  }
  throw error;
}
