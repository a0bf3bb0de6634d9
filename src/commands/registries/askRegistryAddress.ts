import * as vscode from 'vscode';
import { parseRegistryAddress } from '../../model/registries/parseRegistryAddress';
import { UserError } from '../UserError';
import { entryInputError } from './entryInputError';

/**
 * A registry address (`host[:port]`) as the registry part of image names reads it:
 * the one given (a command argument), or one typed and checked as it is typed.
 * Refused with what is wrong and where before anything is stored or sent.
 */
export async function askRegistryAddress(given: unknown, input: { title: string; prompt: string; placeHolder: string }): Promise<string> {
  const typed =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          ...input,
          ignoreFocusOut: true,
          validateInput: (v) => {
            const r = parseRegistryAddress(v);
            return r.ok ? undefined : entryInputError(v, r.error);
          },
        });
  if (typed === undefined) throw new vscode.CancellationError();
  const parsed = parseRegistryAddress(typed);
  if (!parsed.ok) throw new UserError(`Invalid registry "${typed}": ${entryInputError(typed, parsed.error)}`);
  return parsed.domain;
}
