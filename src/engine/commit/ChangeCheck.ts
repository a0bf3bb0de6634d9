/** Where a `--change` line is wrong: a half-open range [start, end) of offsets into the line. */
export interface ChangeError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** The verdict on one `--change` line: its instruction (upper case, '' when there is none) and, if bad, why. */
export interface ChangeCheck {
  readonly instruction: string;
  readonly error?: ChangeError;
}
