import type { InvalidReference, ReferenceError, ReferenceMode, ReferenceResult, Span } from './types';
import { AT, COLON, DOT, LBRACKET, SLASH, UPPER, is, isSpace } from './charClass';
import { isValidIdentifier } from './isValidIdentifier';
import { makeError } from './makeError';
import { scanDigest } from './scanDigest';
import { scanHost } from './scanHost';
import { scanPath } from './scanPath';
import { scanTag } from './scanTag';

const NAME_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

function invalid(input: string, error: ReferenceError): InvalidReference {
  return { valid: false, input, error };
}

/** Leading and trailing blanks are the commonest paste accident, so they are named before anything else. */
function edgeWhitespace(s: string): ReferenceError | undefined {
  const n = s.length;
  if (isSpace(s.charCodeAt(0))) {
    let end = 1;
    while (end < n && isSpace(s.charCodeAt(end))) end++;
    if (end === n) return makeError('whitespace', 'reference is blank', 0, n);
    return makeError('whitespace', 'leading whitespace before the reference', 0, end);
  }
  if (isSpace(s.charCodeAt(n - 1))) {
    let start = n - 1;
    while (isSpace(s.charCodeAt(start - 1))) start--;
    return makeError('whitespace', 'trailing whitespace after the reference', start, n);
  }
  return undefined;
}

/**
 * When the text before the first '/' was meant as a registry but is not a
 * valid host, the path reading fails too; the host's reason is the useful one
 * as long as the path reading failed inside that same text.
 */
function explainFailure(s: string, head: number, hostError: ReferenceError | undefined, failure: ReferenceError): ReferenceError {
  if (hostError === undefined || failure.start > head) return failure;
  if (s.charCodeAt(head - 1) === COLON && s.charCodeAt(head + 1) === SLASH) {
    return makeError('scheme', `a reference has no URL scheme; remove '${s.slice(0, Math.min(head, 20))}//'`, 0, head + 2);
  }
  return hostError;
}

/** Go cuts `library/` off only when nothing after it has a '/'. */
function familiarPath(path: string): string {
  return path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length) < 0 ? path.slice(OFFICIAL_PREFIX.length) : path;
}

/**
 * Parses an image reference in one left-to-right pass, without regular
 * expressions, so any input costs time linear in its length and an invalid one
 * gets the exact span of what is wrong.
 *
 * `strict` reads the text as written (Go `reference.Parse`): a domain-shaped
 * first component followed by '/' is the domain, no defaults. `normalized`
 * reads it as `docker pull` does (Go `ParseNormalizedNamed`): the first
 * component is a registry only if it is `localhost`, has '.' or ':', or is not
 * all lowercase; otherwise `docker.io` (and `library/` for one component).
 * Like Go, a first component that `normalized` takes for a registry but that is
 * no valid host (e.g. `my_host.local/app`) is re-read strictly, as a path with
 * no domain.
 */
export function parseReference(input: string, mode: ReferenceMode = 'normalized'): ReferenceResult {
  const s = input;
  const n = s.length;
  if (n === 0) return invalid(s, makeError('empty', 'reference is empty', 0, 0));
  const edge = edgeWhitespace(s);
  if (edge) return invalid(s, edge);
  const normalized = mode === 'normalized';
  if (normalized && n === 64 && isValidIdentifier(s)) {
    return invalid(s, makeError('hex-name', 'a 64-character hex string is an image ID, not a repository name', 0, n));
  }

  let head = 0;
  let registryLike = false;
  for (; head < n; head++) {
    const c = s.charCodeAt(head);
    if (c === SLASH || c === AT) break;
    if (c === DOT || c === COLON || c === LBRACKET || is(c, UPPER)) registryLike = true;
  }
  const hasSlash = head < n && s.charCodeAt(head) === SLASH;

  let domain: string | null = null;
  let domainSpan: Span | undefined;
  let pathStart = 0;
  let hostError: ReferenceError | undefined;
  if (normalized) {
    domain = DEFAULT_DOMAIN;
    if (hasSlash) {
      const legacy = head === LEGACY_DOMAIN.length && s.startsWith(LEGACY_DOMAIN);
      if (registryLike || legacy || (head === 9 && s.startsWith('localhost'))) {
        hostError = scanHost(s, 0, head);
        if (hostError === undefined) {
          domain = legacy ? DEFAULT_DOMAIN : s.slice(0, head);
          domainSpan = { start: 0, end: head };
          pathStart = head + 1;
        } else {
          domain = null;
        }
      }
    }
  } else if (hasSlash) {
    hostError = scanHost(s, 0, head);
    if (hostError === undefined) {
      domain = s.slice(0, head);
      domainSpan = { start: 0, end: head };
      pathStart = head + 1;
    } else if (!registryLike) {
      hostError = undefined;
    }
  }

  const pathEnd = scanPath(s, pathStart);
  if (typeof pathEnd !== 'number') {
    if (!hasSlash && s.charCodeAt(0) === LBRACKET) {
      const bracketError = scanHost(s, 0, head);
      if (bracketError) return invalid(s, bracketError);
      return invalid(s, makeError('missing-path', "an IPv6 registry address must be followed by '/' and a repository name", 0, head));
    }
    return invalid(s, explainFailure(s, head, hostError, pathEnd));
  }
  const library = normalized && domain === DEFAULT_DOMAIN && s.lastIndexOf('/', pathEnd - 1) < pathStart;
  const pathLength = pathEnd - pathStart + (library ? OFFICIAL_PREFIX.length : 0);
  if (pathLength > NAME_MAX) {
    const counted = library ? ', counting the implied library/' : '';
    const tooLong = makeError('name-too-long', `repository name longer than ${NAME_MAX} characters (found ${pathLength}${counted})`, pathStart, pathEnd);
    return invalid(s, explainFailure(s, head, hostError, tooLong));
  }

  let end = pathEnd;
  let tagSpan: Span | undefined;
  let digestSpan: Span | undefined;
  if (end < n && s.charCodeAt(end) === COLON) {
    const tagEnd = scanTag(s, end + 1);
    if (typeof tagEnd !== 'number') return invalid(s, explainFailure(s, head, hostError, tagEnd));
    tagSpan = { start: end + 1, end: tagEnd };
    end = tagEnd;
  }
  if (end < n) {
    const digestEnd = scanDigest(s, end + 1);
    if (typeof digestEnd !== 'number') return invalid(s, explainFailure(s, head, hostError, digestEnd));
    digestSpan = { start: end + 1, end: digestEnd };
  }

  const written = s.slice(pathStart, pathEnd);
  const path = library ? OFFICIAL_PREFIX + written : written;
  const lastSlash = path.lastIndexOf('/');
  const tag = tagSpan ? s.slice(tagSpan.start, tagSpan.end) : null;
  const digest = digestSpan ? s.slice(digestSpan.start, digestSpan.end) : null;
  const fullName = domain === null ? path : `${domain}/${path}`;
  const suffix = (tag === null ? '' : `:${tag}`) + (digest === null ? '' : `@${digest}`);
  const spans: { domain?: Span; path: Span; tag?: Span; digest?: Span } = { path: { start: pathStart, end: pathEnd } };
  if (domainSpan) spans.domain = domainSpan;
  if (tagSpan) spans.tag = tagSpan;
  if (digestSpan) spans.digest = digestSpan;
  const namespace = lastSlash < 0 ? null : path.slice(0, lastSlash);
  const name = lastSlash < 0 ? path : path.slice(lastSlash + 1);

  if (!normalized) {
    return { valid: true, input: s, domain, path, namespace, name, tag, digest, spans, string: fullName + suffix };
  }
  const familiarName = domain === DEFAULT_DOMAIN ? familiarPath(path) : fullName;
  return {
    valid: true,
    input: s,
    domain,
    path,
    namespace,
    name,
    tag,
    digest,
    spans,
    fullName,
    familiarName,
    familiar: familiarName + suffix,
    string: fullName + suffix,
  };
}
