import type { RuleName } from './ReferenceSettings';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One problem in a document, in file offsets; the server and the CLI turn it into their own form. */
export interface Finding {
  readonly start: number;
  readonly end: number;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** `invalid` for references the grammar rejects, else the setting that asked for it. */
  readonly rule: 'invalid' | RuleName;
  /** The grammar's error code for `invalid` (`uppercase`, `digest-length`…). */
  readonly code?: string;
  /** Index of the site in the analysis, so quick fixes find it again. */
  readonly site: number;
}
