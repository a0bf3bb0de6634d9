import type { ReferenceResult } from './types';
import { DomainKind } from './DomainKind';
import { NormalizedReference } from './NormalizedReference';
import { Ch } from './charClass';
import { bracketError } from './bracketError';
import { DEFAULT_DOMAIN, LEGACY_DOMAIN, OFFICIAL_PREFIX } from './dockerHub';
import { edgeError, isPrintable } from './edgeError';
import { explainFailure, registryError } from './explainFailure';
import { HeadShape, headKind } from './headKind';
import { invalidReference } from './invalidReference';
import { isHost } from './isHost';
import { isValidIdentifier } from './isValidIdentifier';
import { makeError } from './makeError';
import { NAME_MAX, nameTooLong } from './nameTooLong';
import { pathError, pathLastSlash, scanPath } from './scanPath';
import { scanTag } from './scanTag';
import { scanDigest } from './scanDigest';

/**
 * The docker CLI's reading (Go `ParseNormalizedNamed`): the first component is
 * a registry only if it looks like one, otherwise Docker Hub is implied, with
 * `library/` for a one-component path. See parseReference.
 */
export function parseNormalized(s: string): ReferenceResult {
  const n = s.length;
  if (n === 0 || !isPrintable(s.charCodeAt(0)) || !isPrintable(s.charCodeAt(n - 1))) {
    const edge = edgeError(s);
    if (edge) return invalidReference(s, edge);
  }
  if (n === 64 && isValidIdentifier(s)) {
    return invalidReference(s, makeError('hex-name', 'a 64-character hex string is an image ID, not a repository name', 0, n));
  }

  // Go cuts at the first '/'. One after an '@' is inside the digest, where the digest scan explains it.
  const slash = s.indexOf('/');
  const kind = slash > 0 ? headKind(s, slash) : HeadShape.Plain;
  const head = kind === HeadShape.AtInHead ? -1 : slash;

  let domainKind = DomainKind.Implied;
  let hub = true;
  let pathStart = 0;
  let hostFailed = false;
  if (head >= 0) {
    const legacy = head === LEGACY_DOMAIN.length && s.startsWith(LEGACY_DOMAIN);
    if (kind >= HeadShape.Registry || legacy || (head === 9 && s.startsWith('localhost'))) {
      hostFailed = !isHost(s, 0, head);
      if (!hostFailed) {
        domainKind = legacy ? DomainKind.Legacy : DomainKind.Written;
        hub = legacy || (head === DEFAULT_DOMAIN.length && s.startsWith(DEFAULT_DOMAIN));
        pathStart = head + 1;
      } else {
        // Like Go, a registry-shaped head that is no valid host is re-read as path, with no registry.
        domainKind = DomainKind.None;
        hub = false;
      }
    }
  }

  const headShape = hostFailed ? kind : HeadShape.Plain;
  // A ':', '[' or uppercase letter stops the path reading inside the head, so the host's reason is the answer.
  if (headShape === HeadShape.Blocking) {
    const error = registryError(s, head);
    if (error) return invalidReference(s, error);
  }
  if (pathStart === 0 && s.charCodeAt(0) === Ch.LBracket && (head < 0 || headKind(s, head) === HeadShape.AtInHead)) {
    return invalidReference(s, bracketError(s));
  }

  const pathEnd = scanPath(s, pathStart);
  if (pathEnd < 0) return invalidReference(s, explainFailure(s, head, headShape, pathError()));
  const lastSlash = pathLastSlash();
  const library = hub && lastSlash < pathStart;
  const pathLength = pathEnd - pathStart + (library ? OFFICIAL_PREFIX.length : 0);
  if (pathLength > NAME_MAX) {
    return invalidReference(s, explainFailure(s, head, headShape, nameTooLong(pathStart, pathEnd, pathLength, library)));
  }
  let end = pathEnd;
  let tagEnd = -1;
  let digestStart = -1;
  if (end < n && s.charCodeAt(end) === Ch.Colon) {
    const scanned = scanTag(s, end + 1);
    if (typeof scanned !== 'number') return invalidReference(s, explainFailure(s, head, headShape, scanned));
    tagEnd = end = scanned;
  }
  if (end < n) {
    const scanned = scanDigest(s, end + 1);
    if (typeof scanned !== 'number') return invalidReference(s, explainFailure(s, head, headShape, scanned));
    digestStart = end + 1;
  }
  return new NormalizedReference(s, domainKind, hub, library, pathStart, pathEnd, lastSlash, tagEnd, digestStart);
}
