/**
 * The offset of the first UTF-16 surrogate without its partner, or -1. Such a
 * string has no UTF-8 form: on its way to the engine (a URL query, JSON) it turns
 * into U+FFFD, so the user's text would change without a word. Callers refuse it.
 */
export function findLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}
