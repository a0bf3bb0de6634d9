/** The ssh:// URL whose host key is not known, when that is why `err` happened (by shape: another bundle made it). */
export function unknownHostKeyOf(err: unknown): string | undefined {
  const url = !!err && typeof err === 'object' ? (err as { unknownHostKeyOf?: unknown }).unknownHostKeyOf : undefined;
  return typeof url === 'string' ? url : undefined;
}
