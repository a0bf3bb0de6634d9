import type { InvalidReference, ParsedReference, ReferenceError, ReferenceMode, ReferenceResult, Span } from './types';
import { Ch, Cls, is, isSpace } from './charClass';
import { isValidIdentifier } from './isValidIdentifier';
import { makeError } from './makeError';
import { scanDigest } from './scanDigest';
import { scanHost } from './scanHost';
import { scanPath } from './scanPath';
import { scanTag } from './scanTag';

const NAME_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DOMAIN = 'index.docker.io';
const OFFICIAL_NAMESPACE = 'library';
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

const AT_IN_HEAD = -1;
const PLAIN_HEAD = 0;
const REGISTRY_HEAD = 1;

/**
 * Reads the text before the first '/': an '@' there means the '/' is inside a
 * digest; otherwise Go's test for a registry applies (a '.' or ':', or not all
 * lowercase), to which we add an IPv6 '['.
 */
function headKind(s: string, head: number): number {
  let kind = PLAIN_HEAD;
  for (let i = 0; i < head; i++) {
    const c = s.charCodeAt(i);
    if (c === Ch.At) return AT_IN_HEAD;
    if (c === Ch.Dot || c === Ch.Colon || c === Ch.LBracket || is(c, Cls.Upper)) kind = REGISTRY_HEAD;
  }
  return kind;
}

/**
 * When the text before the first '/' was meant as a registry but is not a
 * valid host, the path reading fails too; the host's reason is the useful one
 * as long as the path reading failed inside that same text. Whether it was
 * meant as a registry is worked out only here, on the way out of a failure.
 */
function explainFailure(s: string, head: number, hostError: ReferenceError | undefined, failure: ReferenceError): ReferenceError {
  if (hostError === undefined || head < 0 || failure.start > head) return failure;
  if (headKind(s, head) !== REGISTRY_HEAD) return failure;
  if (s.charCodeAt(head - 1) === Ch.Colon && s.charCodeAt(head + 1) === Ch.Slash) {
    return makeError('scheme', `a reference has no URL scheme; remove '${s.slice(0, Math.min(head, 20))}//'`, 0, head + 2);
  }
  return hostError;
}

/** Only the parts present, each object built whole in one shape, so no property is added after the fact. */
function spansOf(path: Span, domain?: Span, tag?: Span, digest?: Span): ParsedReference['spans'] {
  if (domain) {
    if (tag) return digest ? { domain, path, tag, digest } : { domain, path, tag };
    return digest ? { domain, path, digest } : { domain, path };
  }
  if (tag) return digest ? { path, tag, digest } : { path, tag };
  return digest ? { path, digest } : { path };
}

/**
 * Parses an image reference left to right, by hand, without regular
 * expressions or backtracking: each character is read a bounded number of
 * times (the text before the first '/' at most three times, everything else
 * once), so any input costs time linear in its length, and an invalid one gets
 * the exact span of what is wrong.
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

  // Go cuts at the first '/'. One after an '@' is inside the digest, where the digest scan explains it.
  const slash = s.indexOf('/');
  const kind = normalized && slash > 0 ? headKind(s, slash) : PLAIN_HEAD;
  const head = kind === AT_IN_HEAD ? -1 : slash;
  const hasSlash = head >= 0;

  let domain: string | null = null;
  let domainSpan: Span | undefined;
  let pathStart = 0;
  let hostError: ReferenceError | undefined;
  if (normalized) {
    domain = DEFAULT_DOMAIN;
    if (hasSlash) {
      const legacy = head === LEGACY_DOMAIN.length && s.startsWith(LEGACY_DOMAIN);
      if (kind === REGISTRY_HEAD || legacy || (head === 9 && s.startsWith('localhost'))) {
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
    }
  }

  const pathScan = scanPath(s, pathStart);
  if (!('lastSlash' in pathScan)) {
    const failure = pathScan;
    if (s.charCodeAt(0) === Ch.LBracket && (!hasSlash || headKind(s, head) === AT_IN_HEAD)) {
      const at = s.indexOf('@');
      const end = at < 0 ? n : at;
      const bracketError = scanHost(s, 0, end);
      if (bracketError) return invalid(s, bracketError);
      return invalid(s, makeError('missing-path', "an IPv6 registry address must be followed by '/' and a repository name", 0, end));
    }
    return invalid(s, explainFailure(s, head, hostError, failure));
  }
  const pathEnd = pathScan.end;
  const lastSlash = pathScan.lastSlash;
  const library = normalized && domain === DEFAULT_DOMAIN && lastSlash < pathStart;
  const pathLength = pathEnd - pathStart + (library ? OFFICIAL_PREFIX.length : 0);
  if (pathLength > NAME_MAX) {
    const counted = library ? ', counting the implied library/' : '';
    const tooLong = makeError('name-too-long', `repository name longer than ${NAME_MAX} characters (found ${pathLength}${counted})`, pathStart, pathEnd);
    return invalid(s, explainFailure(s, head, hostError, tooLong));
  }

  let end = pathEnd;
  let tagSpan: Span | undefined;
  let digestSpan: Span | undefined;
  if (end < n && s.charCodeAt(end) === Ch.Colon) {
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
  let path = written;
  let namespace: string | null = null;
  let name = written;
  if (library) {
    path = OFFICIAL_PREFIX + written;
    namespace = OFFICIAL_NAMESPACE;
  } else if (lastSlash >= pathStart) {
    namespace = s.slice(pathStart, lastSlash);
    name = s.slice(lastSlash + 1, pathEnd);
  }
  const tag = tagSpan ? s.slice(tagSpan.start, tagSpan.end) : null;
  const digest = digestSpan ? s.slice(digestSpan.start, digestSpan.end) : null;
  // When nothing was implied or renamed, the canonical forms are the input itself: slices, not concatenations.
  const verbatim = !library && (domain === null || (domainSpan !== undefined && domain.length === domainSpan.end));
  const suffix = verbatim || pathEnd === n ? '' : s.slice(pathEnd);
  const spans = spansOf({ start: pathStart, end: pathEnd }, domainSpan, tagSpan, digestSpan);

  if (!normalized) return { valid: true, input: s, domain, path, namespace, name, tag, digest, spans, string: s };
  const fullName = verbatim ? (pathStart === 0 ? written : s.slice(0, pathEnd)) : `${domain}/${path}`;
  const string = verbatim ? s : fullName + suffix;
  // Go drops `library/` from the familiar name only when nothing after it has a '/'.
  let familiar = string;
  let familiarName = fullName;
  if (domain === DEFAULT_DOMAIN) {
    familiarName = namespace === OFFICIAL_NAMESPACE ? name : path;
    familiar = familiarName + (verbatim ? s.slice(pathEnd) : suffix);
  }
  return { valid: true, input: s, domain, path, namespace, name, tag, digest, spans, fullName, familiarName, familiar, string };
}
