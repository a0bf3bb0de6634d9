/**
 * A failure after the engine began streaming arrives as `{"errorDetail":…,"error":"…"}`
 * written into the archive: where a header should be, or at the end of what came.
 */
export function engineSaid(bytes: Buffer | undefined): string | undefined {
  if (!bytes) return undefined;
  const whole = bytes.toString('utf8');
  const at = whole.lastIndexOf('{"errorDetail"');
  if (at < 0) return undefined;
  const text = whole.slice(at);
  const m = /"error"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text) ?? /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  return m ? (JSON.parse(`"${m[1]}"`) as string) : undefined;
}
