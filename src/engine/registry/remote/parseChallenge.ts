/** One `WWW-Authenticate` challenge: its scheme (lowercased) and parameters (`realm`, `service`, `scope`, `error`). */
export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The first challenge of a `WWW-Authenticate` header (RFC 7235 auth-params,
 * quoted strings with backslash escapes). A registry sends one: `Basic realm="…"`
 * or `Bearer realm="…",service="…",scope="…"`. Undefined when there is none.
 */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  let i = m[0].length;
  const s = header;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === ',' || s[i] === '\t')) i++;
    const key = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/.exec(s.slice(i));
    if (!key) break;
    i += key[0].length;
    while (s[i] === ' ') i++;
    if (s[i] !== '=') break;
    i++;
    while (s[i] === ' ') i++;
    let value = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        value += s[i++];
      }
      i++;
    } else {
      const token = /^[^,\s]*/.exec(s.slice(i))![0];
      value = token;
      i += token.length;
    }
    params[key[0].toLowerCase()] = value;
  }
  return { scheme: m[1].toLowerCase(), params };
}
