import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { getCredentials } from '../../credentials/getCredentials';
import type { CredentialOptions, RegistryCredentials } from '../../credentials/types';
import { RegistryError } from '../RegistryError';
import { parseChallenge, type Challenge } from './parseChallenge';
import { registryCas } from './registryCas';
import { registryHost, type RegistryHost } from './registryHost';
import { describeNetworkFailure } from './describeNetworkFailure';

export interface RegistryClientOptions {
  /** Where the docker CLI's logins are (its config folder, helpers). */
  readonly credentials?: CredentialOptions;
  /** The engine's insecure registries (host[:port] or CIDR): plain HTTP for them, as the engine. */
  readonly insecureRegistries?: readonly string[];
  /** Per-registry CAs, `/etc/docker/certs.d` by default. */
  readonly certsDir?: string;
  /** Most requests in flight to this registry at once. */
  readonly maxSockets?: number;
  /** Longest the connection may stay silent. */
  readonly timeoutMs?: number;
  /** Longest one whole exchange may take, however steadily it trickles in. */
  readonly deadlineMs?: number;
  /** Method, path and status of each request; never a header or a credential. */
  readonly log?: (line: string) => void;
}

export interface RegistryResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'HEAD' | 'DELETE';
  readonly accept?: string;
  /** The token scope the request needs, e.g. `repository:team/app:pull`. */
  readonly scope?: string;
  /** What we were doing, for error messages: `list the tags of 127.0.0.1:5000/app`. */
  readonly what: string;
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** A Bearer token lives at least this long when the issuer gives no `expires_in` (the token spec's default). */
const DEFAULT_TOKEN_SECONDS = 60;
/** The longest one exchange may take from request to last byte, unless the options say otherwise. */
const DEFAULT_DEADLINE_MS = 120_000;
/** More than any manifest, config or list a registry sends (a catalog of 100,000 repositories is a few MiB). */
const MAX_BODY_BYTES = 64 * 2 ** 20;
/** Asked again this long before expiry, so a token never runs out on the wire. */
const EXPIRY_MARGIN_MS = 5_000;
/** What the version check is doing, in its own (never shown) error messages. */
const VERSION_CHECK = 'reach the registry';

interface VersionCheck {
  readonly failure?: unknown;
}

/**
 * One registry's HTTP API V2 (the OCI distribution spec), with the login the
 * docker CLI stored for it: Basic where the registry asks for Basic, the Bearer
 * token flow where it asks for Bearer (the challenge's realm, service and scope;
 * identity tokens as refresh tokens). Tokens are kept per scope until they
 * expire. Credentials go only into Authorization headers and token requests,
 * never into a log line or an error.
 */
export class RegistryClient {
  readonly host: RegistryHost;
  private readonly agent: HttpAgent;
  private credentials?: Promise<RegistryCredentials | undefined>;
  private challenge?: Challenge;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pendingTokens = new Map<string, Promise<CachedToken>>();
  /** Settles when the first request has its answer (for a registry whose version check asked for nothing). */
  private firstAnswer?: Promise<void>;
  private versionChecked?: Promise<VersionCheck>;
  /** The Basic header for the stored login, made once. */
  private basic?: Promise<string | undefined>;

  constructor(
    domain: string,
    private readonly options: RegistryClientOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.host = registryHost(domain, options.insecureRegistries);
    const maxSockets = options.maxSockets ?? 16;
    this.agent = this.host.secure
      ? new HttpsAgent({ keepAlive: true, maxSockets, ca: registryCas(this.host.apiHost, options.certsDir) })
      : new HttpAgent({ keepAlive: true, maxSockets });
  }

  /** The base URL requests go to: `http://127.0.0.1:5000`, `https://registry-1.docker.io`. */
  get origin(): string {
    return `${this.host.secure ? 'https' : 'http'}://${this.host.apiHost}`;
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * A request with whatever authorization the registry asks for: sent with what
   * we already hold (Basic, or a live token for the scope), and on a 401 once
   * more after answering its challenge. The answer is returned whatever its status.
   */
  async request(path: string, req: RequestOptions): Promise<RegistryResponse> {
    if (!this.challenge) await this.versionCheck(req);
    if (this.challenge) return this.authorizedRequest(path, req);
    // A registry whose version check asks for nothing may still challenge a repository: until one
    // answer has come, one request goes alone, or every request in flight would be refused and sent again.
    if (this.firstAnswer) {
      await this.firstAnswer;
      return this.authorizedRequest(path, req);
    }
    let settle!: () => void;
    this.firstAnswer = new Promise<void>((resolve) => (settle = resolve));
    try {
      return await this.authorizedRequest(path, req);
    } finally {
      settle();
    }
  }

  /**
   * Learns how the registry wants to be asked from its version check (`GET /v2/`, as the
   * docker CLI starts), once per client however many requests wait: then every request goes
   * authorized the first time, and a check of 100 tags is 100 HEADs, not a refused one more.
   * A network failure is the waiting request's own failure (said with what it was doing),
   * and the next request checks again.
   */
  private async versionCheck(req: RequestOptions): Promise<void> {
    this.versionChecked ??= this.send('/v2/', { what: VERSION_CHECK }, undefined).then(
      (res): VersionCheck => {
        const challenge = res.status === 401 ? parseChallenge(headerText(res.headers['www-authenticate'])) : undefined;
        if (challenge) this.challenge ??= challenge;
        return {};
      },
      (err: unknown): VersionCheck => {
        this.versionChecked = undefined;
        return { failure: err };
      },
    );
    const { failure } = await this.versionChecked;
    if (failure instanceof RegistryError && (failure.reason === 'unreachable' || failure.reason === 'tls')) {
      throw this.fail(req, failure.reason, failure.kind, failure.message.slice(`Could not ${VERSION_CHECK}: `.length));
    }
    // Anything else (an odd answer to /v2/) leaves the request to meet the challenge itself.
  }

  private async authorizedRequest(path: string, req: RequestOptions): Promise<RegistryResponse> {
    let authorization = await this.authorizationFor(req);
    let res = await this.send(path, req, authorization);
    if (res.status !== 401) return res;
    const challenge = parseChallenge(headerText(res.headers['www-authenticate']));
    if (!challenge) return res;
    this.challenge = challenge;
    const sentBefore = authorization;
    if (challenge.scheme === 'bearer') {
      // Expired early, revoked, or a scope the token lacks: a fresh one for what the challenge names.
      const scope = challenge.params.scope ?? req.scope ?? '';
      // Only the token that was refused goes: a request sent before any token (or with an older one)
      // must not throw away the fresh token the others share.
      for (const key of [scope, req.scope ?? '']) {
        const held = this.tokens.get(key);
        if (held && sentBefore === `Bearer ${held.token}`) this.tokens.delete(key);
      }
      authorization = `Bearer ${(await this.token(scope, req)).token}`;
    } else if (challenge.scheme === 'basic') {
      authorization = await this.basicAuthorization();
    }
    if (!authorization || authorization === sentBefore) return res;
    res = await this.send(path, req, authorization);
    return res;
  }

  /** The stored login for this registry, read once per client (the same lookup push and pull make). */
  async storedCredentials(): Promise<RegistryCredentials | undefined> {
    this.credentials ??= getCredentials(this.host.domain, this.options.credentials);
    return this.credentials;
  }

  private async authorizationFor(req: RequestOptions): Promise<string | undefined> {
    if (!this.challenge) return undefined;
    if (this.challenge.scheme === 'basic') return this.basicAuthorization();
    if (this.challenge.scheme !== 'bearer') return undefined;
    return `Bearer ${(await this.token(req.scope ?? '', req)).token}`;
  }

  private basicAuthorization(): Promise<string | undefined> {
    this.basic ??= this.storedCredentials().then((creds) => {
      if (!creds?.password && !creds?.username) return undefined;
      return `Basic ${Buffer.from(`${creds.username ?? ''}:${creds.password ?? ''}`).toString('base64')}`;
    });
    return this.basic;
  }

  /** A live token for `scope`, one request to the issuer however many callers ask at once. */
  private async token(scope: string, req: RequestOptions): Promise<CachedToken> {
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresAt > this.now()) return cached;
    let pending = this.pendingTokens.get(scope);
    if (!pending) {
      pending = this.fetchToken(scope, req).finally(() => this.pendingTokens.delete(scope));
      this.pendingTokens.set(scope, pending);
    }
    const token = await pending;
    this.tokens.set(scope, token);
    return token;
  }

  private async fetchToken(scope: string, req: RequestOptions): Promise<CachedToken> {
    const params = this.challenge!.params;
    if (!params.realm) throw this.fail(req, 'other', 'engine', `${this.host.domain} asked for a Bearer token but named no realm to get it from.`);
    let realm: URL;
    try {
      realm = new URL(params.realm);
    } catch {
      throw this.fail(req, 'other', 'engine', `${this.host.domain} named a token realm that is not a URL.`);
    }
    const creds = await this.storedCredentials();
    const query = new URLSearchParams();
    if (params.service) query.set('service', params.service);
    for (const s of scope.split(' ').filter(Boolean)) query.append('scope', s);
    let res: RegistryResponse;
    if (creds?.identityToken) {
      // OAuth2 refresh-token grant: the identity token `docker login` stored stands in for the password.
      query.set('grant_type', 'refresh_token');
      query.set('refresh_token', creds.identityToken);
      query.set('client_id', 'stowage');
      res = await this.sendTo(realm, 'POST', req, { 'content-type': 'application/x-www-form-urlencoded' }, query.toString());
    } else {
      query.set('client_id', 'stowage');
      realm.search = query.toString();
      const headers: Record<string, string> = {};
      const basic = await this.basicAuthorization();
      if (basic) headers.authorization = basic;
      res = await this.sendTo(realm, 'GET', req, headers);
    }
    if (res.status === 401) throw this.unauthorized(req, creds);
    if (res.status === 403) throw this.fail(req, 'denied', 'unauthorized', `${this.host.domain}'s token issuer refuses this account access to ${scope || 'the registry'}.`);
    if (res.status === 429) throw this.rateLimited(req, res.headers);
    if (res.status !== 200) throw this.fail(req, 'other', 'engine', `${this.host.domain}'s token issuer answered ${res.status}.`);
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(res.body.toString('utf8')) as typeof body;
    } catch {
      throw this.fail(req, 'other', 'engine', `${this.host.domain}'s token issuer answered with something that is not JSON.`);
    }
    const token = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : '';
    if (!token) throw this.fail(req, 'other', 'engine', `${this.host.domain}'s token issuer answered without a token.`);
    const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
    return { token, expiresAt: this.now() + seconds * 1000 - EXPIRY_MARGIN_MS };
  }

  private send(path: string, req: RequestOptions, authorization: string | undefined): Promise<RegistryResponse> {
    const headers: Record<string, string> = {};
    if (req.accept) headers.accept = req.accept;
    if (authorization) headers.authorization = authorization;
    return this.sendTo(new URL(path, this.origin), req.method ?? 'GET', req, headers);
  }

  /**
   * One HTTP exchange; redirects (blob storage) followed without our Authorization when they
   * leave the registry. Cut when the connection is silent for `timeoutMs`, when the whole
   * exchange outlasts `deadlineMs` (a registry dripping bytes is never silent), and when the
   * answer grows past MAX_BODY_BYTES (nothing we read is that large; it is not held whole).
   */
  private sendTo(url: URL, method: string, req: RequestOptions, headers: Record<string, string>, body?: string, redirects = 0): Promise<RegistryResponse> {
    const sameOrigin = url.origin === this.origin;
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const deadlineMs = this.options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    return new Promise<RegistryResponse>((resolve, reject) => {
      let cut: RegistryError | undefined;
      const stop = (error: RegistryError) => {
        cut ??= error;
        r.destroy(error);
        reject(error);
      };
      const deadline = setTimeout(() => stop(this.fail(req, 'unreachable', 'unreachable', `nothing answers at ${url.origin} (no whole answer within ${deadlineMs / 1000} s).`)), deadlineMs);
      const r = request(
        url,
        { method, headers, agent: sameOrigin ? this.agent : undefined, timeout: this.options.timeoutMs ?? 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY_BYTES) return stop(this.fail(req, 'other', 'engine', `${url.host} sent more than ${MAX_BODY_BYTES / 2 ** 20} MiB for ${url.pathname}; no manifest or list is that large.`));
            chunks.push(c);
          });
          res.on('error', (err) => {
            clearTimeout(deadline);
            reject(cut ?? err);
          });
          res.on('end', () => {
            clearTimeout(deadline);
            if (cut) return;
            this.options.log?.(`${method} ${url.origin === this.origin ? url.pathname + url.search.replace(/refresh_token=[^&]*/, 'refresh_token=…') : url.host + url.pathname} → ${res.statusCode}`);
            const status = res.statusCode ?? 0;
            const location = res.headers.location;
            if ([301, 302, 303, 307, 308].includes(status) && location && redirects < 5) {
              const target = new URL(location, url);
              const next = { ...headers };
              if (target.origin !== this.origin) delete next.authorization;
              resolve(this.sendTo(target, status === 303 ? 'GET' : method, req, next, body, redirects + 1));
              return;
            }
            resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
          });
        },
      );
      r.on('timeout', () => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      r.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(deadline);
        if (cut) return reject(cut);
        describeNetworkFailure(err, url).then(
          (words) => reject(this.fail(req, words.reason, words.reason === 'tls' ? 'engine' : 'unreachable', words.message)),
          reject,
        );
      });
      r.end(body);
    });
  }

  /** A RegistryError for `req`: "Could not <what>: <detail>". */
  fail(req: Pick<RequestOptions, 'what'>, reason: RegistryError['reason'], kind: RegistryError['kind'], detail: string): RegistryError {
    return new RegistryError(`Could not ${req.what}: ${detail}`, kind, req.what, reason, this.host.domain);
  }

  /** 401 in words: no login stored, or the stored one refused. */
  async unauthorizedError(req: Pick<RequestOptions, 'what'>): Promise<RegistryError> {
    return this.unauthorized(req, await this.storedCredentials().catch(() => undefined));
  }

  private unauthorized(req: Pick<RequestOptions, 'what'>, creds: RegistryCredentials | undefined): RegistryError {
    return creds
      ? this.fail(req, 'unauthorized', 'unauthorized', `${this.host.domain} refused the stored login (401 Unauthorized): log in to ${this.host.domain} again.`)
      : this.fail(req, 'noCredentials', 'unauthorized', `${this.host.domain} wants a login and none is stored for it (401 Unauthorized): log in to ${this.host.domain} first.`);
  }

  rateLimited(req: Pick<RequestOptions, 'what'>, headers: IncomingHttpHeaders): RegistryError {
    const when = resetTime(headers, this.now());
    return this.fail(req, 'rateLimited', 'engine', `${this.host.domain} is limiting requests (429 Too Many Requests)${when ? `; it accepts more from ${when}` : ''}.`);
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** When a 429 ends: `Retry-After` (seconds or a date), else `RateLimit-Reset` (seconds), as an ISO time. */
export function resetTime(headers: IncomingHttpHeaders, now: number): string | undefined {
  const retry = headerText(headers['retry-after']);
  if (retry) {
    if (/^\d+$/.test(retry.trim())) return new Date(now + Number(retry.trim()) * 1000).toISOString();
    const date = Date.parse(retry);
    if (!Number.isNaN(date)) return new Date(date).toISOString();
  }
  const reset = headerText(headers['ratelimit-reset'] as string | string[] | undefined);
  if (reset && /^\d+$/.test(reset.trim())) return new Date(now + Number(reset.trim()) * 1000).toISOString();
  return undefined;
}
