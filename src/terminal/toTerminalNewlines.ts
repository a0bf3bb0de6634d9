/**
 * A log's bytes with each bare line feed made a carriage return and line feed, as a
 * terminal needs to start the next line at its left edge. Done on bytes before
 * decoding (a line feed byte is never part of a multibyte UTF-8 character): a loop
 * over the bytes costs a third of a regular expression's replace over the decoded
 * text, which was most of the cost of showing a log of short lines. A CR LF cut
 * between two reads comes out as CR CR LF, which a terminal shows the same.
 */
export function toTerminalNewlines(bytes: Buffer): Buffer {
  // Sized for the worst case (all line feeds), so the loop never checks room: faster than counting first.
  const out = Buffer.allocUnsafe(bytes.length * 2);
  let o = 0;
  let previous = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 10 && previous !== 13) out[o++] = 13;
    out[o++] = b;
    previous = b;
  }
  return out.subarray(0, o);
}
