import { parseReference } from '../../reference/parseReference';

/**
 * The grammar's verdict for an input box's validateInput: the message with the
 * position of what is wrong, or undefined when the reference is valid.
 */
export function referenceInputError(value: string, options: { allowDigest?: boolean; requireTag?: boolean } = {}): string | undefined {
  const text = value.trim();
  if (!text) return 'Type an image reference, e.g. registry:5000/namespace/name:tag';
  const parsed = parseReference(text, 'normalized');
  if (!parsed.valid) {
    const { start, end, message } = parsed.error;
    const bad = text.slice(start, Math.max(end, start + 1));
    return `${message} — at character ${start + 1}${bad ? ` ("${bad.length > 20 ? bad.slice(0, 20) + '…' : bad}")` : ''}`;
  }
  if (options.allowDigest === false && parsed.digest) return 'A digest names content, not a place: give a repository and tag here.';
  if (options.requireTag && !parsed.tag) return 'Give a tag, e.g. name:v1';
  return undefined;
}
