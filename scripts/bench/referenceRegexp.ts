/**
 * The reference grammar as distribution/reference writes it: the Go regular
 * expressions, composed the same way, anchored, plus the checks Go runs after
 * a match (the 255-character path, go-digest's algorithm and length, the
 * normalized reading's splitDockerDomain). It answers what parseReference
 * answers, minus error positions, so the benchmark compares like with like and
 * the differential test has an independent oracle.
 */

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const localhost = 'localhost';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tag = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const identifier = '([a-f0-9]{64})';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;

const optional = (...res: string[]): string => `(?:${res.join('')})?`;
const anyTimes = (...res: string[]): string => `(?:${res.join('')})*`;
const capture = (...res: string[]): string => `(${res.join('')})`;
const anchored = (...res: string[]): string => `^${res.join('')}$`;

const pathComponent = alphanumeric + anyTimes(separator + alphanumeric);
const remoteName = pathComponent + anyTimes('/' + pathComponent);
const namePat = optional(`${domainAndPort}/`) + remoteName;

export const referenceRegexp = new RegExp(anchored(capture(namePat), optional(':', capture(tag)), optional('@', capture(digestPat))));
export const anchoredNameRegexp = new RegExp(anchored(optional(capture(domainAndPort), '/'), capture(remoteName)));
export const anchoredDomainRegexp = new RegExp(anchored(domainAndPort));
export const anchoredIdentifierRegexp = new RegExp(anchored(identifier));
const anchoredEncoded: Record<string, RegExp> = { sha256: /^[a-f0-9]{64}$/, sha384: /^[a-f0-9]{96}$/, sha512: /^[a-f0-9]{128}$/ };

export type RegexpResult =
  | {
      valid: true;
      domain: string | null;
      path: string;
      namespace: string | null;
      name: string;
      tag: string | null;
      digest: string | null;
      string: string;
      fullName?: string;
      familiarName?: string;
      familiar?: string;
    }
  | { valid: false; message: string };

const invalid = (message: string): RegexpResult => ({ valid: false, message });

/** go-digest's Digest.Validate for the algorithms the docker CLI registers. */
function digestError(d: string): string | undefined {
  const i = d.indexOf(':');
  const algorithm = d.slice(0, i);
  if (!Object.prototype.hasOwnProperty.call(anchoredEncoded, algorithm)) return 'unsupported digest algorithm';
  return anchoredEncoded[algorithm].test(d.slice(i + 1)) ? undefined : 'invalid checksum digest length or format';
}

/** Go `reference.Parse`. */
function parse(s: string): RegexpResult {
  if (s === '') return invalid('repository name must have at least one component');
  const m = referenceRegexp.exec(s);
  if (m === null) {
    const lower = s.toLowerCase();
    if (lower !== s && referenceRegexp.test(lower)) return invalid('repository name must be lowercase');
    return invalid('invalid reference format');
  }
  const nameMatch = anchoredNameRegexp.exec(m[1]);
  const domain = nameMatch?.[1] ?? null;
  const path = nameMatch ? nameMatch[2] : m[1];
  if (path.length > 255) return invalid('repository name must not be more than 255 characters');
  const digest = m[3] ?? null;
  if (digest !== null) {
    const e = digestError(digest);
    if (e) return invalid(e);
  }
  const t = m[2] ?? null;
  const slash = path.lastIndexOf('/');
  const full = domain === null ? path : `${domain}/${path}`;
  return {
    valid: true,
    domain,
    path,
    namespace: slash < 0 ? null : path.slice(0, slash),
    name: slash < 0 ? path : path.slice(slash + 1),
    tag: t,
    digest,
    string: full + (t === null ? '' : `:${t}`) + (digest === null ? '' : `@${digest}`),
  };
}

/** Go `splitDockerDomain`. */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return ['docker.io', `library/${name}`];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === localhost) [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === 'index.docker.io') [domain, remote] = ['docker.io', maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = ['docker.io', name];
  if (domain === 'docker.io' && !remote.includes('/')) remote = `library/${remote}`;
  return [domain, remote];
}

/** Go `ParseNormalizedNamed`, with the familiar forms of normalize.go. */
function parseNormalized(s: string): RegexpResult {
  if (anchoredIdentifierRegexp.test(s)) return invalid('cannot specify 64-byte hexadecimal strings');
  const [domain, remainder] = splitDockerDomain(s);
  const colon = remainder.indexOf(':');
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) return invalid('repository name must be lowercase');
  const r = parse(`${domain}/${remainder}`);
  if (!r.valid) return r;
  const fullName = r.domain === null ? r.path : `${r.domain}/${r.path}`;
  let familiarName = fullName;
  if (r.domain === 'docker.io') {
    familiarName = r.path;
    if (r.path.startsWith('library/') && !r.path.slice(8).includes('/')) familiarName = r.path.slice(8);
  }
  const suffix = (r.tag === null ? '' : `:${r.tag}`) + (r.digest === null ? '' : `@${r.digest}`);
  r.fullName = fullName;
  r.familiarName = familiarName;
  r.familiar = familiarName + suffix;
  return r;
}

export function parseWithRegexp(s: string, mode: 'strict' | 'normalized' = 'normalized'): RegexpResult {
  return mode === 'strict' ? parse(s) : parseNormalized(s);
}
