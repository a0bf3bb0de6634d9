import * as vscode from 'vscode';
import { parseReference } from '../reference/parseReference';
import { referenceInputError } from './images/referenceInputError';

/** A repository[:tag] typed by the user, split as it was written (no defaults added). */
export interface TypedReference {
  readonly text: string;
  readonly repository: string;
  readonly tag: string | null;
}

/**
 * An input box for a name that is checked by the grammar on every keystroke, so
 * a bad name is caught before the engine is called. `optional` accepts empty.
 */
export async function askReference(options: { title: string; prompt: string; value?: string; optional?: boolean; placeHolder?: string }): Promise<TypedReference | undefined> {
  const text = await vscode.window.showInputBox({
    title: options.title,
    prompt: options.prompt,
    value: options.value,
    placeHolder: options.placeHolder ?? 'registry:port/namespace/name:tag',
    ignoreFocusOut: true,
    validateInput: (v) => (options.optional && !v.trim() ? undefined : referenceInputError(v, { allowDigest: false })),
  });
  if (text === undefined) throw new vscode.CancellationError();
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const parsed = parseReference(trimmed, 'strict');
  const tagSpan = parsed.valid ? parsed.spans.tag : undefined;
  return tagSpan
    ? { text: trimmed, repository: trimmed.slice(0, tagSpan.start - 1), tag: trimmed.slice(tagSpan.start, tagSpan.end) }
    : { text: trimmed, repository: trimmed, tag: null };
}
