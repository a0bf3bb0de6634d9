import * as vscode from 'vscode';
import { passSetupGuide } from '../../model/passSetupGuide';

/** What the user may do when the default credential helper cannot store a login. */
export const STORE_IN_FILE = 'Store in config.json (Unencrypted)';
export const SET_UP_PASS = 'How to Set Up pass…';

/** The fields of the engine's LoginNotStoredError that the choice needs (by shape: the engine is another bundle). */
export interface NotStored {
  readonly registry: string;
  readonly helper: string;
  readonly helperReason: string;
  readonly configFile: string;
  readonly fileAllowed: boolean;
}

export function isNotStored(err: unknown): err is NotStored {
  const e = err as Partial<NotStored> | undefined;
  return !!e && typeof e.helper === 'string' && typeof e.helperReason === 'string' && typeof e.configFile === 'string';
}

/**
 * The modal that replaces a cut-off error toast: the registry accepted the
 * login, but the credential helper the docker CLI picks by default could not
 * store it. Offers the file (saying it is unencrypted, as `docker login` warns),
 * a guide to setting up `pass`, or Cancel. True when the user chose the file.
 * The password never passes through here.
 */
export async function offerFileStore(notStored: NotStored): Promise<boolean> {
  const program = `docker-credential-${notStored.helper}`;
  const why =
    notStored.helper === 'pass' && notStored.helperReason === 'notSetUp'
      ? `${program} could not store it: pass is installed but not set up (no password store, or no GnuPG key for it).`
      : notStored.helperReason === 'notSetUp'
        ? `${program} could not store it: its store is not set up.`
        : `${program} could not store it: the service it needs is not available here.`;
  const detail = notStored.fileAllowed
    ? [
        `The docker CLI uses ${program} by default on this machine while config.json holds no login, and it fails the same way.`,
        `Store in config.json: the password is saved in ${notStored.configFile}, base64-encoded but NOT encrypted; anyone who can read that file can read it. From then on the docker CLI keeps its logins there too.`,
      ].join('\n\n')
    : `${notStored.configFile} names ${program} as the store for this registry, so the docker CLI would look nowhere else: set the helper up, or change "credsStore"/"credHelpers" in that file.`;
  // The guide first: it is the default button, so Enter never stores a password unencrypted.
  const choices = [...(notStored.helper === 'pass' ? [SET_UP_PASS] : []), ...(notStored.fileAllowed ? [STORE_IN_FILE] : [])];
  const answer = await vscode.window.showWarningMessage(`${notStored.registry} accepted the login, but ${why}`, { modal: true, detail }, ...choices);
  if (answer === SET_UP_PASS) {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: passSetupGuide(notStored.registry) });
    await vscode.window.showTextDocument(doc, { preview: false });
  }
  return answer === STORE_IN_FILE;
}
