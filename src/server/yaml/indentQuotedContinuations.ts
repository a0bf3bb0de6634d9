/**
 * Go's YAML reader (behind Compose, Kubernetes and Argo) accepts a multi-line quoted
 * scalar whose later lines are no more indented than the line it starts on, as in
 *
 *       args: ["
 *         apk add curl
 *       "]
 *
 * while YAML 1.2 and the yaml library refuse it, and the library then loses the rest of
 * the mapping. Stowage reads such files as Go does: each such line is indented one column
 * past the scalar's own line (a quoted scalar's line breaks and leading blanks fold to one
 * space, so its value does not change). Returns undefined when nothing needs moving, else
 * the new text and `original`, which maps an offset in it back to the given text.
 */
export function indentQuotedContinuations(text: string): { text: string; original: (offset: number) => number } | undefined {
  const inserts: Array<{ at: number; count: number }> = [];
  let lineStart = 0;
  let lineIndent = 0;
  let atLineStart = true;
  let prev = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = i + 1;
      atLineStart = true;
      prev = c;
      continue;
    }
    if (atLineStart) {
      if (c === ' ') continue;
      lineIndent = i - lineStart;
      atLineStart = false;
    }
    if (c === '#' && (prev === ' ' || prev === '\t' || prev === '\n' || i === lineStart + lineIndent)) {
      // A comment runs to the end of the line.
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    // A quote opens a quoted scalar only where a scalar can begin.
    const opens = (c === '"' || c === "'") && scalarCanStart(text, lineStart + lineIndent, i);
    prev = c;
    if (!opens) continue;
    const quoteIndent = lineIndent;
    let j = i + 1;
    for (; j < text.length; j++) {
      const d = text[j];
      if (c === '"' && d === '\\') {
        j++;
        continue;
      }
      if (d === c) {
        if (c === "'" && text[j + 1] === "'") {
          j++;
          continue;
        }
        break;
      }
      if (d === '\n') {
        let k = j + 1;
        while (text[k] === ' ') k++;
        const indent = k - (j + 1);
        if (text[k] !== '\n' && text[k] !== '\r' && k < text.length && indent <= quoteIndent) inserts.push({ at: j + 1, count: quoteIndent + 1 - indent });
      }
    }
    if (j >= text.length) break;
    // Go on after the closing quote, on whatever line it is.
    const lastBreak = text.lastIndexOf('\n', j);
    if (lastBreak >= i) {
      lineStart = lastBreak + 1;
      let k = lineStart;
      while (text[k] === ' ') k++;
      lineIndent = k - lineStart;
    }
    i = j;
    prev = c;
  }
  if (!inserts.length) return undefined;
  let out = '';
  let from = 0;
  // Where each insertion starts in the new text, and how much had been inserted by its end.
  const marks: Array<{ at: number; shift: number }> = [];
  let shift = 0;
  for (const { at, count } of inserts) {
    out += text.slice(from, at) + ' '.repeat(count);
    marks.push({ at: at + shift, shift: shift + count });
    shift += count;
    from = at;
  }
  out += text.slice(from);
  const original = (offset: number): number => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      if (marks[m].at <= offset) {
        found = m;
        lo = m + 1;
      } else hi = m - 1;
    }
    if (found < 0) return offset;
    const { at, shift: after } = marks[found];
    const before = after - inserts[found].count;
    // An offset inside the added blanks belongs to the start of the original line.
    return offset < at + inserts[found].count ? at - before : offset - after;
  };
  return { text: out, original };
}

/** Whether a scalar can begin at `i`: first on its line, or after `: `, `- `, `[`, `{` or `,`. */
function scalarCanStart(text: string, lineFirst: number, i: number): boolean {
  if (i === lineFirst) return true;
  let k = i - 1;
  if (/[[{,]/.test(text[k])) return true;
  if (text[k] !== ' ' && text[k] !== '\t') return false;
  while (k > lineFirst && (text[k] === ' ' || text[k] === '\t')) k--;
  return /[:\-[{,]/.test(text[k]) && (k === lineFirst || text[k] !== ':' || text[k - 1] !== ':');
}
