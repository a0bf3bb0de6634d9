/** One `key = value` of a git config file, with its section lower-cased (`user`, `include`). */
export interface GitConfigEntry {
  readonly section: string;
  /** `[includeIf "gitdir:~/work/"]` → `gitdir:~/work/`; case kept, as git does. */
  readonly subsection?: string;
  /** Lower-cased: git's variable names are case-insensitive. */
  readonly key: string;
  /** With quotes and escapes resolved; a bare key (`[core] bare`) reads as `true`. */
  readonly value: string;
}

/**
 * Reads git's config syntax without running git: sections, quoted subsections,
 * `#`/`;` comments, double-quoted values with \" \\ \n \t \b escapes and
 * backslash line continuations. Lines it cannot read are skipped, as a best
 * effort: this only feeds a default into an input box.
 */
export function parseGitConfig(text: string): GitConfigEntry[] {
  const entries: GitConfigEntry[] = [];
  let section = '';
  let subsection: string | undefined;
  let i = 0;
  const n = text.length;
  const skipRestOfLine = () => {
    while (i < n && text[i] !== '\n') i++;
  };

  while (i < n) {
    while (i < n && /[ \t\r\n]/.test(text[i])) i++;
    if (i >= n) break;
    const ch = text[i];
    if (ch === '#' || ch === ';') {
      skipRestOfLine();
      continue;
    }
    if (ch === '[') {
      const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\\n]|\\.)*)")?\s*\]/.exec(text.slice(i, i + 4096));
      if (!header) {
        skipRestOfLine();
        continue;
      }
      const name = header[1];
      // The old `[section.subsection]` form: subsection is then case-insensitive.
      const dot = header[2] === undefined ? name.indexOf('.') : -1;
      section = (dot >= 0 ? name.slice(0, dot) : name).toLowerCase();
      subsection = header[2] !== undefined ? header[2].replace(/\\(.)/g, '$1') : dot >= 0 ? name.slice(dot + 1).toLowerCase() : undefined;
      i += header[0].length;
      continue;
    }
    const keyMatch = /^[A-Za-z][A-Za-z0-9-]*/.exec(text.slice(i, i + 1024));
    if (!keyMatch || !section) {
      skipRestOfLine();
      continue;
    }
    const key = keyMatch[0].toLowerCase();
    i += keyMatch[0].length;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= n || text[i] === '\n' || text[i] === '\r' || text[i] === '#' || text[i] === ';') {
      entries.push({ section, subsection, key, value: 'true' });
      skipRestOfLine();
      continue;
    }
    if (text[i] !== '=') {
      skipRestOfLine();
      continue;
    }
    i++;
    const read = readValue(text, i);
    i = read.end;
    entries.push({ section, subsection, key, value: read.value });
  }
  return entries;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', b: '\b', '"': '"', '\\': '\\' };

function readValue(text: string, from: number): { value: string; end: number } {
  let value = '';
  let pendingSpace = '';
  let quoted = false;
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' && !quoted) break;
    if (ch === '\r' && text[i + 1] === '\n' && !quoted) continue;
    if (!quoted && (ch === '#' || ch === ';')) {
      while (i < text.length && text[i] !== '\n') i++;
      break;
    }
    if (ch === '\\') {
      const next = text[i + 1];
      i++;
      if (next === '\n') continue;
      if (next === '\r' && text[i + 1] === '\n') {
        i++;
        continue;
      }
      const escaped = ESCAPES[next ?? ''];
      if (escaped !== undefined) {
        value += pendingSpace + escaped;
        pendingSpace = '';
      }
      continue;
    }
    if (ch === '"') {
      quoted = !quoted;
      continue;
    }
    // Whitespace outside quotes is kept only between words: trailing blanks are dropped.
    if (!quoted && (ch === ' ' || ch === '\t')) {
      pendingSpace += ch;
      continue;
    }
    value += pendingSpace + ch;
    pendingSpace = '';
  }
  return { value, end: i };
}
