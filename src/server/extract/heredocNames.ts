/** A heredoc an instruction opens: the body runs to the line that is exactly `name`. */
export interface Heredoc {
  readonly name: string;
  /** `<<-`: leading tabs are stripped before comparing a line with the name. */
  readonly chomp: boolean;
}

/**
 * The heredocs an instruction line opens, as BuildKit's parser finds them: the line is
 * cut into shell words (quotes and escapes kept, so `"a<<b"` stays one word that does not
 * start with `<<`), and only a word that is `<<NAME`, `<<-NAME`, `<<"NAME"`, `<<'NAME'`
 * (or `2<<NAME`) opens one. `<< NAME` with spaces counts too: the lexer keeps them in the word.
 */
export function heredocNames(line: string): Heredoc[] {
  const words = rawWords(line);
  const docs: Heredoc[] = [];
  for (const word of words ?? []) {
    const m = /^\d*<<(-?)[\t\n\v\f\r ]*([^<]*)$/.exec(word);
    if (!m || !m[2]) continue;
    const name = unquoteWord(m[2]);
    if (name !== undefined) docs.push({ name, chomp: m[1] === '-' });
  }
  return docs;
}

const SPACE = /[\t\n\v\f\r \u0085\u00a0]/;

/** Shell words with quotes and escapes left in; undefined when a quote is never closed (BuildKit then finds no heredoc). */
function rawWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += c === '"' && line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return undefined;
      word += line.slice(i, j + 1);
      inWord = true;
      i = j + 1;
    } else if (c === '<' && line[i + 1] === '<') {
      // The lexer keeps `<<` and the blanks after it in one word.
      let j = i + 2;
      while (j < line.length && (line[j] === ' ' || line[j] === '\t' || line[j] === '\r')) j++;
      word += line.slice(i, j);
      inWord = true;
      i = j;
    } else if (c === '\\') {
      word += line.slice(i, i + 2);
      inWord = true;
      i += 2;
    } else if (SPACE.test(c)) {
      if (inWord && word) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (word) words.push(word);
  return words;
}

/** The heredoc word with its quotes and escapes removed; undefined when it is not one word. */
function unquoteWord(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "'" || c === '"') {
      const end = raw.indexOf(c, i + 1);
      if (end < 0) return undefined;
      out += raw.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && i + 1 < raw.length) out += raw[++i];
    else if (SPACE.test(c)) return undefined;
    else out += c;
  }
  return out;
}
