/**
 * The hex length of the algorithm named by s[start, end) if the docker CLI
 * registers it (sha256, sha384, sha512), else 0. Compares codes in place so
 * the digest scanner allocates nothing.
 */
export function digestHexLength(s: string, start = 0, end = s.length): number {
  if (end - start !== 6 || s.charCodeAt(start) !== 0x73 || s.charCodeAt(start + 1) !== 0x68 || s.charCodeAt(start + 2) !== 0x61) return 0;
  const a = s.charCodeAt(start + 3);
  const b = s.charCodeAt(start + 4);
  const c = s.charCodeAt(start + 5);
  if (a === 0x32 && b === 0x35 && c === 0x36) return 64;
  if (a === 0x33 && b === 0x38 && c === 0x34) return 96;
  if (a === 0x35 && b === 0x31 && c === 0x32) return 128;
  return 0;
}
