import { shortId } from './shortId';

/** What an inspect document shows: the engine's answer and when it was read. */
export interface InspectSnapshot {
  readonly kind: 'image' | 'container';
  readonly name: string;
  readonly id: string;
  /** The engine's inspect answer, as last read. */
  readonly data: unknown;
  /** When `data` was read. */
  readonly takenAt: Date;
  /** When the engine said the object no longer exists (it was removed). */
  readonly goneAt?: Date;
  /** Why the last attempt to read it again failed (engine unreachable, …), with when. */
  readonly staleReason?: { readonly at: Date; readonly message: string };
}

/**
 * The document's text: `//` comment lines saying what it is, when the engine said so,
 * and whether it still exists, then the JSON. Comments make it JSON with Comments
 * (`jsonc`), which VS Code colours and folds like JSON; a read-only virtual document
 * has no other place for this that every editor shows (the tab title is the name).
 */
export function inspectDocumentText(s: InspectSnapshot): string {
  const what = `${s.kind === 'image' ? 'Image' : 'Container'} ${s.name} (${shortId(s.id)})`;
  const header: string[] = [];
  if (s.goneAt) {
    header.push(`// ${what} no longer exists: the engine had removed it by ${formatClock(s.goneAt)}.`);
    header.push(`// What follows is how the engine described it at ${formatClock(s.takenAt)}, before it went.`);
  } else {
    header.push(`// ${what}, as the engine described it at ${formatClock(s.takenAt)}.`);
    if (s.staleReason) header.push(`// Could not read it again at ${formatClock(s.staleReason.at)}: ${oneLine(s.staleReason.message)}`);
    header.push('// Stowage reads it again when the engine reports a change; Refresh (in the editor title) reads it now.');
  }
  return `${header.join('\n')}\n${JSON.stringify(s.data, null, 2)}\n`;
}

/** Local date and time to the second, as `2026-11-30 21:04:05`. */
export function formatClock(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

// A message with a line break would end the comment and break the document.
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
