/**
 * Every `code` a ReferenceError can carry. Callers (diagnostics, quick fixes,
 * the CLI's tests) switch on these, so they never change meaning once shipped.
 */
export type ReferenceErrorCode =
  | 'empty'
  | 'whitespace'
  | 'variable'
  | 'invalid-char'
  | 'scheme'
  | 'missing-name'
  | 'missing-path'
  | 'empty-component'
  | 'separator'
  | 'separator-position'
  | 'uppercase'
  | 'name-too-long'
  | 'hex-name'
  | 'host'
  | 'port'
  | 'ipv6'
  | 'empty-tag'
  | 'tag-start'
  | 'tag-too-long'
  | 'stray-colon'
  | 'stray-at'
  | 'empty-digest'
  | 'digest-format'
  | 'digest-algorithm'
  | 'digest-hex'
  | 'digest-length'
  | 'digest-not-allowed'
  | 'invalid-format';
