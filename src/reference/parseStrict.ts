import type { ReferenceResult } from './types';
import { DomainKind } from './DomainKind';
import { Reference } from './Reference';
import { Ch } from './charClass';
import { bracketError } from './bracketError';
import { edgeError, isPrintable } from './edgeError';
import { explainFailure } from './explainFailure';
import { HeadShape, headKind } from './headKind';
import { invalidReference } from './invalidReference';
import { isHost } from './isHost';
import { NAME_MAX, nameTooLong } from './nameTooLong';
import { pathError, pathLastSlash, scanPath } from './scanPath';
import { scanTag } from './scanTag';
import { scanDigest } from './scanDigest';

/**
 * The strict reading (Go `reference.Parse`): a valid host followed by '/' is
 * the domain, and nothing is implied. See parseReference.
 *
 * Its ends (the edge check, the tag and digest) are written out here and in
 * parseNormalized rather than shared: as helpers they took the optimizer's
 * inlining budget from the host and path scans and cost the strict reading a
 * fifth of its speed on Node 20.
 */
export function parseStrict(s: string): ReferenceResult {
  const n = s.length;
  if (n === 0 || !isPrintable(s.charCodeAt(0)) || !isPrintable(s.charCodeAt(n - 1))) {
    const edge = edgeError(s);
    if (edge) return invalidReference(s, edge);
  }

  const head = s.indexOf('/');
  let domainKind = DomainKind.None;
  let pathStart = 0;
  // What the head looks like matters only once it has failed as a host, and then only if the parse fails:
  // it is read on the way out of a failure, so a valid reference never pays for it.
  let headShape = HeadShape.Plain;
  if (head >= 0) {
    if (isHost(s, 0, head)) {
      domainKind = DomainKind.Written;
      pathStart = head + 1;
    } else {
      headShape = HeadShape.Unread;
    }
  }
  if (pathStart === 0 && s.charCodeAt(0) === Ch.LBracket && (head < 0 || headKind(s, head) === HeadShape.AtInHead)) {
    return invalidReference(s, bracketError(s));
  }

  const pathEnd = scanPath(s, pathStart);
  if (pathEnd < 0) return invalidReference(s, explainFailure(s, head, headShape, pathError()));
  const lastSlash = pathLastSlash();
  if (pathEnd - pathStart > NAME_MAX) {
    return invalidReference(s, explainFailure(s, head, headShape, nameTooLong(pathStart, pathEnd, pathEnd - pathStart, false)));
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
  return new Reference(s, domainKind, false, false, pathStart, pathEnd, lastSlash, tagEnd, digestStart);
}
