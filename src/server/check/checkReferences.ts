import type { DocumentAnalysis } from '../analyzeDocument';
import type { ReferenceSite } from '../extract/ReferenceSite';
import type { Span } from '../../reference/types';
import type { Finding } from './Finding';
import type { ReferenceSettings } from './ReferenceSettings';
import { mapSpan } from './mapSpan';

/**
 * The diagnostics of one analysed document: references the grammar rejects are errors,
 * at the grammar's own sub-range; the rules (`untagged`, `latestTag`, `unpinned`) speak
 * at the level the settings give them. Stages, `scratch`, unresolved and empty values are
 * never reported. Pure: the server and the CLI both call it.
 */
export function checkReferences(analysis: DocumentAnalysis, settings: ReferenceSettings): Finding[] {
  if (!settings.enable) return [];
  const { rules } = settings;
  const findings: Finding[] = [];
  let pinned = 0;
  for (const a of analysis.sites) if (a.parsed?.valid && a.parsed.digest) pinned++;

  const sites = analysis.sites;
  for (let index = 0; index < sites.length; index++) {
    const { site, parsed } = sites[index];
    if (!parsed) continue;
    if (!parsed.valid) {
      const { error } = parsed;
      const { start, end } = mapSpan(site, COMPONENT_CODES.has(error.code) ? componentSpan(site.value, error) : error);
      findings.push({ start, end, severity: 'error', message: `${quoteRef(site)}: ${error.message}${offender(site.value, error, error.message)}`, rule: 'invalid', code: error.code, site: index });
      continue;
    }
    const shown = quoteRef(site);
    if (site.built) continue;
    if (!parsed.tag && !parsed.digest && rules.untagged !== 'off') {
      findings.push({
        start: site.start,
        end: site.end,
        severity: rules.untagged,
        message: `${shown} has no tag, so it means ${quoteText(site.value + ':latest')}: whatever that is when it is pulled.`,
        rule: 'untagged',
        site: index,
      });
    }
    if (parsed.tag === 'latest' && !parsed.digest && rules.latestTag !== 'off') {
      const { start, end } = parsed.spans.tag ? mapSpan(site, parsed.spans.tag) : site;
      findings.push({ start, end, severity: rules.latestTag, message: `${shown} uses the tag latest, which changes whenever a new image is pushed: name a version.`, rule: 'latestTag', site: index });
    }
    if (parsed.tag && !parsed.digest && pinned > 0 && rules.unpinned !== 'off') {
      findings.push({
        start: site.start,
        end: site.end,
        severity: rules.unpinned,
        message: `${shown} is not pinned to a digest, while ${pinned} other reference${pinned === 1 ? ' is' : 's are'} in this file.`,
        rule: 'unpinned',
        site: index,
      });
    }
  }
  return findings;
}

/** Errors about one character of a name component: the whole component is marked (`Ubuntu`, not `U`). */
const COMPONENT_CODES = new Set(['uppercase', 'invalid-char']);

/** The run of text around the error between separators (`/`, `:`, `@`): the component a reader fixes. */
function componentSpan(value: string, span: Span): Span {
  let start = span.start;
  let end = span.end;
  while (start > 0 && !'/:@'.includes(value[start - 1])) start--;
  while (end < value.length && !'/:@'.includes(value[end])) end++;
  return { start, end };
}

/** Names the character at fault when the grammar's message does not: `: 'U' in 'Ubuntu'`. */
function offender(value: string, span: Span, message: string): string {
  if (span.end - span.start !== 1) return '';
  const ch = value.slice(span.start, span.end);
  if (ch < ' ' || message.includes(`'${ch}'`)) return '';
  const { start, end } = componentSpan(value, span);
  return start === span.start && end === span.end ? ` ('${ch}')` : ` ('${ch}' in '${value.slice(start, end)}')`;
}

/** The value as written, and who uses it when an anchor shares it. */
function quoteRef(site: ReferenceSite): string {
  return site.usedBy && site.usedBy.length > 1 ? `${quoteText(site.value)} (used by ${site.usedBy.join(', ')})` : quoteText(site.value);
}

function quoteText(s: string): string {
  return `'${s}'`;
}
