import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import { parseReference } from '../../reference/parseReference';
import { offerLogin } from '../registries/offerLogin';
import { revealImage } from '../revealImage';
import type { StowageContext } from '../StowageContext';
import { withEngineProgress } from '../withEngineProgress';
import { referenceInputError } from './referenceInputError';

/** Pull by reference (palette, quick fix of the language server), with per-layer progress and Cancel. */
export async function pullImage(ctx: StowageContext, reference?: string): Promise<void> {
  const ref =
    typeof reference === 'string' && reference
      ? reference
      : await vscode.window.showInputBox({
          title: 'Pull image',
          prompt: 'Image reference: [registry[:port]/][namespace/]name[:tag][@digest]',
          placeHolder: 'e.g. 127.0.0.1:5000/team/app:v1',
          ignoreFocusOut: true,
          validateInput: (v) => referenceInputError(v),
        });
  if (!ref) throw new vscode.CancellationError();
  const parsed = parseReference(ref.trim(), 'normalized');
  if (!parsed.valid) throw new Error(`"${ref}" is not a valid image reference: ${parsed.error.message} (at characters ${parsed.error.start + 1}–${parsed.error.end}).`);
  const name = parsed.familiar ?? ref.trim();
  const pull = () =>
    withEngineProgress(
      `Pulling ${name}`,
      (onProgress, signal) => engineModule().pullImage(ctx.session.engine(), ref.trim(), { onProgress, signal }),
      `Pull of ${name} cancelled. Layers already downloaded stay in the engine and are reused by the next pull.`,
    );
  let result;
  try {
    result = await pull();
  } catch (err) {
    await offerLogin(ctx, err);
    result = await pull();
  }
  ctx.session.refresh(['images']);
  await revealImage(ctx, result.reference ?? name);
  void vscode.window.showInformationMessage(`Pulled ${name}.`);
}
