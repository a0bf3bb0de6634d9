/**
 * The image-reference grammar's public shapes. The grammar itself (parseReference)
 * is pure: no vscode, no engine. Everything that reads or shows a reference uses it.
 */

/** `strict`: the reference as written (Go `reference.Parse`); `normalized`: the docker CLI's reading (`ParseNormalizedNamed`). */
export type ReferenceMode = 'strict' | 'normalized';

/** A half-open range of UTF-16 offsets into the input: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ReferenceError extends Span {
  /** Says what is wrong, e.g. "uppercase letter in repository name", "sha256 digest needs 64 hex characters, found 63". */
  readonly message: string;
  /** A stable code for the kind of error, e.g. `uppercase`, `tag-too-long`, `digest-length`, `port`. */
  readonly code: string;
}

export interface ParsedReference {
  readonly valid: true;
  readonly input: string;
  /** Registry host[:port]; null when none is found. Normalized mode sets `docker.io` by default, except where Go does not either (a first component that is not a valid domain, e.g. `my_host.local/app`, is read as path). */
  readonly domain: string | null;
  /** Repository path without the domain (`library/ubuntu` when normalized). */
  readonly path: string;
  /** The namespace: every path component but the last (`library`, `redhat`, `prod/team`), or null. */
  readonly namespace: string | null;
  /** The last path component. */
  readonly name: string;
  readonly tag: string | null;
  readonly digest: string | null;
  /** Spans of each part in the input, for hover and quick fixes. */
  readonly spans: {
    readonly domain?: Span;
    readonly path: Span;
    readonly tag?: Span;
    readonly digest?: Span;
  };
  /** Normalized mode only: the full form, e.g. `docker.io/library/ubuntu` (no tag/digest). */
  readonly fullName?: string;
  /** Normalized mode only: the familiar name, e.g. `ubuntu`. */
  readonly familiarName?: string;
  /** Normalized mode only: familiar name with tag and digest, e.g. `ubuntu:22.04`. */
  readonly familiar?: string;
  /** domain/path[:tag][@digest] as the mode reads it (normalized: full form). */
  readonly string: string;
}

export interface InvalidReference {
  readonly valid: false;
  readonly input: string;
  readonly error: ReferenceError;
}

export type ReferenceResult = ParsedReference | InvalidReference;
