import type { RegistryErrorReason } from './RegistryError';

export interface RegistryErrorContext {
  readonly operation: 'push' | 'pull' | 'login';
  /** The registry's host[:port] (`docker.io` for Docker Hub). */
  readonly registry: string;
  /** The reference as the user gave it (push/pull). */
  readonly reference?: string;
  /** The repository's path in the registry (`team/app`), for "no repository named …". */
  readonly repository?: string;
  /** login: the user name tried. */
  readonly username?: string;
  /** The reference named no registry, so the engine went to Docker Hub. */
  readonly impliedHub?: boolean;
  /** Where a `dockerHub` explanation should point instead: a registry we are logged in to, and the retagged name. */
  readonly suggestion?: { readonly registry: string; readonly reference: string };
}

export interface RegistryErrorExplanation {
  readonly reason: RegistryErrorReason;
  /** One sentence (or two) a person can act on; never a credential. */
  readonly message: string;
}

/**
 * Turns the engine's words about a registry failure (from a push/pull stream's
 * error line or a failed POST /auth) into plain words. Pure: the patterns are the
 * messages Engine 20.10 and the distribution registry actually send.
 */
export function explainRegistryError(engineMessage: string, ctx: RegistryErrorContext): RegistryErrorExplanation {
  const said = engineMessage.trim();
  const where = ctx.registry === 'docker.io' ? 'Docker Hub (docker.io)' : ctx.registry;
  const base = classify(said, ctx, where);
  const hubWords = HUB_WORDS[base.reason];
  if (ctx.operation !== 'login' && ctx.impliedHub && hubWords) {
    const ref = ctx.reference ?? 'The image';
    const instead = ctx.suggestion
      ? ctx.operation === 'push'
        ? ` To push to ${ctx.suggestion.registry}, tag it ${ctx.suggestion.reference} first.`
        : ` To pull from ${ctx.suggestion.registry}, use ${ctx.suggestion.reference}.`
      : ' To use another registry, put its address first, e.g. 127.0.0.1:5000/' + ref + '.';
    return { reason: 'dockerHub', message: `${ref} has no registry part, so it names Docker Hub (docker.io), which ${hubWords} (${conciseRegistryWords(said)}).${instead}` };
  }
  return base;
}

/** How each failure reads when the registry is Docker Hub only because the name had no registry part. */
const HUB_WORDS: Partial<Record<RegistryErrorReason, string>> = {
  noCredentials: 'wants a login',
  unauthorized: 'refused the login',
  denied: 'denied access',
  unreachable: 'cannot be reached from here',
  nameUnknown: 'has no such repository',
};

function classify(said: string, ctx: RegistryErrorContext, where: string): RegistryErrorExplanation {
  if (ctx.operation === 'login') {
    const status = /failed with status: (.+)$/.exec(said)?.[1]?.trim();
    if (status && /^40[13]\b/.test(status)) {
      return { reason: 'unauthorized', message: `Registry ${where} refused the login for user ${ctx.username ?? '(none)'}: ${status}. Check the user name and password.` };
    }
  }
  if (/no basic auth credentials/i.test(said)) {
    return { reason: 'noCredentials', message: `${where} wants a login and none is stored for it: log in to ${where} first.` };
  }
  if (/\bunauthorized\b|authentication required|401 Unauthorized/i.test(said)) {
    const again = ctx.operation === 'login' ? 'check the user name and password' : `log in to ${where} again`;
    return { reason: 'unauthorized', message: `${where} refused the login (${conciseRegistryWords(said)}): ${again}.` };
  }
  if (/\bdenied\b/i.test(said)) {
    const what = ctx.repository ? ` to ${ctx.repository}` : '';
    return { reason: 'denied', message: `${where} denied access${what}: the account you are logged in with may not ${ctx.operation} there (or the repository belongs to someone else).` };
  }
  if (/name unknown|repository name not known/i.test(said)) {
    return { reason: 'nameUnknown', message: `${where} has no repository named ${ctx.repository ?? ctx.reference ?? 'that'}.` };
  }
  if (/manifest unknown|manifest for .* not found|not found: manifest/i.test(said)) {
    return { reason: 'notFound', message: `${where} has no ${ctx.reference ?? 'such image'}: check the name and the tag.` };
  }
  if (/tag does not exist|An image does not exist locally|No such image/i.test(said)) {
    return { reason: 'localMissing', message: `There is no local image ${ctx.reference ?? ''} to push: build, pull or tag it first.`.replace('  ', ' ') };
  }
  if (/connection refused/i.test(said)) {
    return { reason: 'unreachable', message: `No registry answers at ${where} (connection refused). Is it running, and is the address right?` };
  }
  if (/no such host|server misbehaving|lookup .* on /i.test(said)) {
    return { reason: 'unreachable', message: `The registry host of ${where} could not be found (name lookup failed). Check the address, or the network.` };
  }
  if (/server gave HTTP response to HTTPS client/i.test(said)) {
    return { reason: 'unreachable', message: `${where} speaks plain HTTP and the engine expects HTTPS: add it to the engine's insecure-registries, or serve it over TLS.` };
  }
  if (/x509|certificate/i.test(said)) {
    return { reason: 'unreachable', message: `The engine does not trust ${where}'s TLS certificate (${conciseRegistryWords(said)}).` };
  }
  if (/i\/o timeout|timeout exceeded|TLS handshake timeout|no route to host|network is unreachable/i.test(said)) {
    return { reason: 'unreachable', message: `${where} did not answer (${conciseRegistryWords(said)}). Check the address, or the network.` };
  }
  return { reason: 'other', message: `${where} said: ${said}` };
}

/** The registry's own words without the Go HTTP client's "Get "http://…": " prefix. */
function conciseRegistryWords(said: string): string {
  return said.replace(/^(Get|Head|Post|Put|Patch) "[^"]*": /, '').trim();
}
