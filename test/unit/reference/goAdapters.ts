/**
 * The Go functions the vectors exercise, re-expressed on top of our grammar.
 * Parse and ParseNormalizedNamed are parseReference itself; the others add
 * their own small rules, written here the way the Go code writes them.
 */
import { digestHexLength, isValidIdentifier, parseReference, validateTag } from '../../../src/reference';
import type { ParsedReference } from '../../../src/reference';
import assert from 'node:assert/strict';
import { goPathMatch } from './goPathMatch';

/** What a Go reference exposes, as the vectors record it. */
export interface GoResult {
  valid: boolean;
  kind?: 'repository' | 'tagged' | 'canonical' | 'reference' | 'digest';
  domain?: string | null;
  path?: string | null;
  name?: string | null;
  tag?: string | null;
  digest?: string | null;
  string?: string;
  fullName?: string | null;
  familiarName?: string | null;
  familiar?: string;
  matched?: boolean;
}

const INVALID: GoResult = { valid: false };

function kindOf(tag: string | null, digest: string | null): GoResult['kind'] {
  if (tag !== null && digest !== null) return 'reference';
  if (tag !== null) return 'tagged';
  if (digest !== null) return 'canonical';
  return 'repository';
}

interface Parts {
  domain: string | null;
  path: string;
  tag: string | null;
  digest: string | null;
  normalized: boolean;
  /** Our own parse, while the parts are still exactly what it gave. */
  own?: ParsedReference;
}

function partsOf(r: ParsedReference, normalized: boolean): Parts {
  return { domain: r.domain, path: r.path, tag: r.tag, digest: r.digest, normalized, own: r };
}

/** Our parse's own fields, so the vectors check parseReference's output and not this file's re-derivation. */
function ownView(r: ParsedReference, normalized: boolean): GoResult {
  const name = r.domain === null ? r.path : `${r.domain}/${r.path}`;
  const result: GoResult = { valid: true, kind: kindOf(r.tag, r.digest), domain: r.domain, path: r.path, name, tag: r.tag, digest: r.digest, string: r.string };
  if (normalized) Object.assign(result, { fullName: r.fullName, familiarName: r.familiarName, familiar: r.familiar });
  else assert.equal(r.fullName ?? r.familiarName ?? r.familiar, undefined, 'strict mode has no familiar forms');
  return result;
}

/** Builds the Go view of a named reference; the familiar forms follow normalize.go's familiarizeName. */
function named(p: Parts): GoResult {
  if (p.own && p.own.tag === p.tag && p.own.digest === p.digest) return ownView(p.own, p.normalized);
  const name = p.domain === null ? p.path : `${p.domain}/${p.path}`;
  const suffix = (p.tag === null ? '' : `:${p.tag}`) + (p.digest === null ? '' : `@${p.digest}`);
  const result: GoResult = { valid: true, kind: kindOf(p.tag, p.digest), domain: p.domain, path: p.path, name, tag: p.tag, digest: p.digest, string: name + suffix };
  if (p.normalized) {
    let familiarName = name;
    if (p.domain === 'docker.io') {
      const rest = p.path.startsWith('library/') ? p.path.slice(8) : null;
      familiarName = rest !== null && !rest.includes('/') ? rest : p.path;
    }
    Object.assign(result, { fullName: name, familiarName, familiar: familiarName + suffix });
  }
  return result;
}

function digestOnly(digest: string): GoResult {
  return { valid: true, kind: 'digest', domain: null, path: null, name: null, tag: null, digest, string: digest, fullName: null, familiarName: null, familiar: digest };
}

function parse(input: string, normalized: boolean): Parts | undefined {
  const r = parseReference(input, normalized ? 'normalized' : 'strict');
  return r.valid ? partsOf(r, normalized) : undefined;
}

/** Go `WithName`: a name as written, no tag or digest. */
function withName(input: string): Parts | undefined {
  const p = parse(input, false);
  return p && p.tag === null && p.digest === null ? p : undefined;
}

/** Go's anchoredDigestRegexp: WithDigest checks only this shape, not the algorithm or the length. */
const DIGEST_SHAPE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** A digest go-digest accepts: a registered algorithm, lowercase hex of its length. */
function isDigest(s: string): boolean {
  const colon = s.indexOf(':');
  const length = colon > 0 ? digestHexLength(s.slice(0, colon)) : 0;
  return length > 0 && s.length - colon - 1 === length && /^[0-9a-f]+$/.test(s.slice(colon + 1));
}

function parseAny(input: string): GoResult | Parts | undefined {
  if (isValidIdentifier(input)) return digestOnly(`sha256:${input}`);
  if (isDigest(input)) return digestOnly(input);
  return parse(input, true);
}

function isParts(x: GoResult | Parts | undefined): x is Parts {
  return x !== undefined && 'normalized' in x;
}

function runSteps(steps: Array<[string, string]>): GoResult {
  let current: GoResult | Parts | undefined;
  for (const [fn, arg] of steps) {
    switch (fn) {
      case 'WithName':
        current = withName(arg);
        break;
      case 'ParseNormalizedNamed':
        current = parse(arg, true);
        break;
      case 'ParseAnyReference':
        current = parseAny(arg);
        break;
      case 'WithTag':
        if (!isParts(current) || validateTag(arg) !== undefined) return INVALID;
        current = { ...current, tag: arg, own: undefined };
        break;
      case 'WithDigest':
        if (!isParts(current) || !DIGEST_SHAPE.test(arg)) return INVALID;
        current = { ...current, digest: arg, own: undefined };
        break;
      case 'FamiliarMatch': {
        if (current === undefined) return INVALID;
        const view = isParts(current) ? named(current) : current;
        try {
          let matched = goPathMatch(arg, view.familiar ?? view.string ?? '');
          if (!matched && view.kind !== 'digest') matched = goPathMatch(arg, view.familiarName ?? '');
          return { valid: true, matched };
        } catch {
          return INVALID;
        }
      }
      default:
        throw new Error(`no adapter for step ${fn}`);
    }
    if (current === undefined) return INVALID;
  }
  return isParts(current) ? named(current) : (current ?? INVALID);
}

export interface Vector {
  id: string;
  function: string;
  mode: 'parse' | 'normalized' | 'regexp';
  input: string;
  valid: boolean;
  steps?: Array<[string, string]>;
  [field: string]: unknown;
}

/** Runs one non-regexp vector through the adapter for its Go function. */
export function runGoFunction(v: Vector): GoResult {
  if (v.steps) return runSteps(v.steps);
  switch (v.function) {
    case 'Parse':
      return toResult(parse(v.input, false));
    case 'ParseNormalizedNamed':
      return toResult(parse(v.input, true));
    case 'WithName':
      return toResult(withName(v.input));
    case 'ParseNamed': {
      const r = toResult(parse(v.input, true));
      return r.valid && r.string === v.input ? r : INVALID;
    }
    case 'ParseAnyReference': {
      const r = parseAny(v.input);
      return isParts(r) ? named(r) : (r ?? INVALID);
    }
    case 'ParseDockerRef': {
      const p = parse(v.input, true);
      if (!p) return INVALID;
      if (p.tag !== null && p.digest !== null) return named({ ...p, tag: null, own: undefined });
      if (p.tag === null && p.digest === null) return named({ ...p, tag: 'latest', own: undefined });
      return named(p);
    }
    default:
      throw new Error(`no adapter for ${v.function}`);
  }
}

function toResult(p: Parts | undefined): GoResult {
  return p ? named(p) : INVALID;
}
