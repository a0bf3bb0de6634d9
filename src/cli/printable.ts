/**
 * Text from a file or the command line, safe to print on a terminal: control characters
 * (C0, DEL and C1, which start escape sequences) would move the cursor, clear the screen
 * or retitle the window, so each shows as one visible cell, keeping carets aligned.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\t' ? '\u2192' : c === '\n' ? '\u21b5' : '\u00b7'));
}
