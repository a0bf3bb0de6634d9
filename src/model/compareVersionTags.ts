/**
 * Orders tags as versions where they look like versions: runs of digits compare
 * as numbers (`1.2` < `1.10` < `2.0`), everything else as text; a tag with no
 * digit (`latest`, `edge`) comes after every numbered one. Equal numbers with
 * different leading zeros fall back to text, so the order is total.
 */
export function compareVersionTags(a: string, b: string): number {
  const da = /\d/.test(a);
  const db = /\d/.test(b);
  if (da !== db) return da ? -1 : 1;
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const c = compareDigits(x, y);
      if (c !== 0) return c;
      continue;
    }
    // A pre-release suffix (`1.0-rc1`) sorts before the release (`1.0`) only by text here: `-` < `.`.
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two digit strings as numbers of any length (no parseInt overflow past 2^53). */
function compareDigits(x: string, y: string): number {
  const sx = x.replace(/^0+(?=\d)/, '');
  const sy = y.replace(/^0+(?=\d)/, '');
  if (sx.length !== sy.length) return sx.length - sy.length;
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}
