import type { InvalidReference, ReferenceError, ReferenceMode, ReferenceResult } from './types';
import { DomainKind } from './DomainKind';
import { NormalizedReference } from './NormalizedReference';
import { Reference } from './Reference';
import { Ch, Cls, is, isSpace } from './charClass';
import { isValidIdentifier } from './isValidIdentifier';
import { makeError } from './makeError';
import { scanDigest } from './scanDigest';
import { isHost } from './isHost';
import { scanHost } from './scanHost';
import { pathError, pathLastSlash, scanPath } from './scanPath';
import { scanTag } from './scanTag';
import { DEFAULT_DOMAIN, LEGACY_DOMAIN, OFFICIAL_PREFIX } from './dockerHub';

const NAME_MAX = 255;

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
/** Registry-shaped because of a '.', which a path may also contain. */
const REGISTRY_HEAD = 1;
/** Registry-shaped because of a ':', '[' or an uppercase letter, none of which a path may contain. */
const BLOCKING_HEAD = 2;
/** Not read yet: the strict reading looks at the head's shape only on the way out of a failure. */
const UNREAD_HEAD = 3;

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
    if (c === Ch.Colon || c === Ch.LBracket || is(c, Cls.Upper)) kind = BLOCKING_HEAD;
    else if (c === Ch.Dot && kind === PLAIN_HEAD) kind = REGISTRY_HEAD;
  }
  return kind;
}

/** What is wrong with a text before the first '/' that was meant as a registry and is not a valid host. */
function registryError(s: string, head: number): ReferenceError | undefined {
  if (s.charCodeAt(head - 1) === Ch.Colon && s.charCodeAt(head + 1) === Ch.Slash) {
    return makeError('scheme', `a reference has no URL scheme; remove '${s.slice(0, Math.min(head, 20))}//'`, 0, head + 2);
  }
  return scanHost(s, 0, head);
}

/**
 * When the text before the first '/' was meant as a registry but is not a
 * valid host, the path reading fails too; the host's reason is the useful one
 * as long as the path reading failed inside that same text. Whether it was
 * meant as a registry, and what is wrong with it, are worked out only here, on
 * the way out of a failure.
 */
function explainFailure(s: string, head: number, headShape: number, failure: ReferenceError): ReferenceError {
  if (headShape === PLAIN_HEAD || failure.start > head) return failure;
  if (headShape === UNREAD_HEAD && headKind(s, head) < REGISTRY_HEAD) return failure;
  return registryError(s, head) ?? failure;
}

/**
 * Parses an image reference left to right, by hand, without regular
 * expressions or backtracking: each character is read a bounded number of
 * times (the text before the first '/' at most four times, everything else
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
  // Whitespace is ASCII blank or beyond '~': two comparisons spare nearly every reference the call.
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  if (first <= 0x20 || first > 0x7e || last <= 0x20 || last > 0x7e) {
    const edge = edgeWhitespace(s);
    if (edge) return invalid(s, edge);
  }
  const normalized = mode === 'normalized';
  if (normalized && n === 64 && isValidIdentifier(s)) {
    return invalid(s, makeError('hex-name', 'a 64-character hex string is an image ID, not a repository name', 0, n));
  }

  // Go cuts at the first '/'. One after an '@' is inside the digest, where the digest scan explains it.
  const slash = s.indexOf('/');
  const kind = normalized && slash > 0 ? headKind(s, slash) : PLAIN_HEAD;
  const head = kind === AT_IN_HEAD ? -1 : slash;
  const hasSlash = head >= 0;

  let domainKind = normalized ? DomainKind.Implied : DomainKind.None;
  let hub = normalized;
  let pathStart = 0;
  let hostFailed = false;
  if (hasSlash) {
    const legacy = normalized && head === LEGACY_DOMAIN.length && s.startsWith(LEGACY_DOMAIN);
    if (!normalized || kind >= REGISTRY_HEAD || legacy || (head === 9 && s.startsWith('localhost'))) {
      hostFailed = !isHost(s, 0, head);
      if (!hostFailed) {
        domainKind = legacy ? DomainKind.Legacy : DomainKind.Written;
        hub = normalized && (legacy || (head === DEFAULT_DOMAIN.length && s.startsWith(DEFAULT_DOMAIN)));
        pathStart = head + 1;
      } else if (normalized) {
        domainKind = DomainKind.None;
        hub = false;
      }
    }
  }

  // What the head looks like matters only once it has failed as a host. The normalized reading has read it already;
  // the strict one reads it only if the parse fails, so a valid reference never pays for it.
  const headShape = !hostFailed ? PLAIN_HEAD : normalized ? kind : UNREAD_HEAD;
  // A ':', '[' or uppercase letter stops the path reading inside the head, so the host's reason is the answer.
  if (headShape === BLOCKING_HEAD) {
    const error = registryError(s, head);
    if (error) return invalid(s, error);
  }
  if (pathStart === 0 && s.charCodeAt(0) === Ch.LBracket && (!hasSlash || headKind(s, head) === AT_IN_HEAD)) {
    const at = s.indexOf('@');
    const end = at < 0 ? n : at;
    const bracketError = scanHost(s, 0, end);
    if (bracketError) return invalid(s, bracketError);
    return invalid(s, makeError('missing-path', "an IPv6 registry address must be followed by '/' and a repository name", 0, end));
  }

  const pathEnd = scanPath(s, pathStart);
  if (pathEnd < 0) return invalid(s, explainFailure(s, head, headShape, pathError()));
  const lastSlash = pathLastSlash();
  const library = hub && lastSlash < pathStart;
  const pathLength = pathEnd - pathStart + (library ? OFFICIAL_PREFIX.length : 0);
  if (pathLength > NAME_MAX) {
    const counted = library ? ', counting the implied library/' : '';
    const tooLong = makeError('name-too-long', `repository name longer than ${NAME_MAX} characters (found ${pathLength}${counted})`, pathStart, pathEnd);
    return invalid(s, explainFailure(s, head, headShape, tooLong));
  }

  let end = pathEnd;
  let tagEnd = -1;
  let digestStart = -1;
  if (end < n && s.charCodeAt(end) === Ch.Colon) {
    const scanned = scanTag(s, end + 1);
    if (typeof scanned !== 'number') return invalid(s, explainFailure(s, head, headShape, scanned));
    tagEnd = end = scanned;
  }
  if (end < n) {
    const scanned = scanDigest(s, end + 1);
    if (typeof scanned !== 'number') return invalid(s, explainFailure(s, head, headShape, scanned));
    digestStart = end + 1;
  }
  return normalized
    ? new NormalizedReference(s, domainKind, hub, library, pathStart, pathEnd, lastSlash, tagEnd, digestStart)
    : new Reference(s, domainKind, hub, library, pathStart, pathEnd, lastSlash, tagEnd, digestStart);
}
