import type { Span } from '../../reference/types';
import type { ReferenceSite } from '../extract/ReferenceSite';

/**
 * A span of the grammar's input mapped into the file. Exact sites map one to one; a
 * substituted or escaped value has no such mapping, so the whole written text is used.
 */
export function mapSpan(site: ReferenceSite, span: Span): { start: number; end: number } {
  if (!site.exact) return { start: site.start, end: site.end };
  return { start: site.start + span.start, end: site.start + span.end };
}
