import type { ReferenceSite } from './ReferenceSite';
import { templateVariables } from './siteFromNode';

/**
 * Image references in a Jenkinsfile (Groovy, read as text): a declarative pipeline's
 * `agent { docker { image '…' } }` and its short form `agent { docker '…' }`, and
 * scripted `docker.image('…')`. Only string literals count; `"${…}"` interpolations
 * are unresolved. Comments are not code: `//` and `/* … *\/` are blanked first.
 */
export function extractJenkinsfile(text: string): ReferenceSite[] {
  const code = blankComments(text);
  const sites: ReferenceSite[] = [];
  const add = (quoteAt: number, quote: string, label: string) => {
    const start = quoteAt + quote.length;
    const end = code.indexOf(quote, start);
    if (end < 0 || code.slice(start, end).includes('\n')) return;
    const value = text.slice(start, end);
    const variables = quote === "'" || quote === "'''" ? undefined : templateVariables(value);
    if (variables) sites.push({ value, start, end, exact: true, role: 'unresolved', kind: 'jenkins-image', label, variables });
    else if (!value.includes('\\')) sites.push({ value, start, end, exact: true, role: value === '' ? 'empty' : 'image', kind: 'jenkins-image', label });
  };
  const patterns: Array<[RegExp, string]> = [
    [/\bdocker\s*\{[^{}]*?\bimage\s*[(]?\s*('''|"""|'|")/g, 'agent docker image'],
    [/\bdocker\s+('''|"""|'|")/g, 'agent docker'],
    [/\bdocker\s*\.\s*image\s*\(\s*('''|"""|'|")/g, 'docker.image'],
  ];
  for (const [re, label] of patterns) {
    let m: RegExpExecArray | null;
    while ((m = re.exec(code))) add(m.index + m[0].length - m[1].length, m[1], label);
  }
  return sites.sort((a, b) => a.start - b.start);
}

/** The text with comments replaced by spaces (offsets kept), strings left alone. */
function blankComments(text: string): string {
  const out = text.split('');
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + triple.length;
      while (j < text.length && !text.startsWith(triple, j)) j += text[j] === '\\' ? 2 : 1;
      i = j + triple.length;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      const stop = j < 0 ? text.length : j + 2;
      for (; i < stop; i++) if (out[i] !== '\n') out[i] = ' ';
    } else i++;
  }
  return out.join('');
}
