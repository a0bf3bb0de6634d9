import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { StowageContext } from '../StowageContext';
import { isNotStored, offerFileStore } from './offerFileStore';

/**
 * `docker login`: the registry checks the credentials through the engine before
 * anything is stored; then they go where the docker CLI keeps them (its credential
 * helper, or config.json). The password only ever travels in memory. When the
 * helper the CLI picks by default cannot store it, a modal offers config.json
 * instead; whenever the login ends up unencrypted in config.json, the result says so.
 */
export async function login(ctx: StowageContext, server?: string): Promise<void> {
  const registry =
    typeof server === 'string'
      ? server
      : await vscode.window.showInputBox({
          title: 'Log in to a registry (1/3)',
          prompt: 'Registry host[:port]. Leave empty for Docker Hub.',
          placeHolder: 'e.g. 127.0.0.1:5000',
          ignoreFocusOut: true,
          validateInput: (v) => registryInputError(v),
        });
  if (registry === undefined) throw new vscode.CancellationError();
  const shown = registry.trim() || 'Docker Hub';
  const username = await vscode.window.showInputBox({ title: `Log in to ${shown} (2/3)`, prompt: 'Username', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'A username is needed') });
  if (username === undefined) throw new vscode.CancellationError();
  const password = await vscode.window.showInputBox({ title: `Log in to ${shown} (3/3)`, prompt: `Password or access token for ${username.trim()}`, password: true, ignoreFocusOut: true, validateInput: (v) => (v ? undefined : 'A password is needed') });
  if (password === undefined) throw new vscode.CancellationError();
  const attempt = (storeInFile: boolean) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Logging in to ${shown}…` }, () =>
      engineModule().login(ctx.session.engine(), { server: registry.trim() || undefined, username: username.trim(), password, storeInFile }),
    );
  let result;
  try {
    result = await attempt(false);
  } catch (err) {
    if (!isNotStored(err)) throw err;
    ctx.log.warn(`login to ${shown}: docker-credential-${err.helper} could not store it (${err.helperReason}); asking where to store it`);
    if (!(await offerFileStore(err))) throw new vscode.CancellationError();
    // The registry checks the login again: nothing of the first attempt (least of all the password) was kept anywhere.
    result = await attempt(true);
  }
  ctx.registries.refresh();
  const who = `Logged in to ${shown} as ${username.trim()}`;
  if (result.unencrypted) {
    void vscode.window.showWarningMessage(
      `${who}; the ${result.identityToken ? 'access token' : 'password'} is stored unencrypted (base64) in ${result.configFile}: anyone who can read that file can read it. A credential helper keeps it encrypted.`,
    );
  } else {
    void vscode.window.showInformationMessage(`${who}; credentials stored through docker-credential-${result.store}.`);
  }
}

/** host[:port] as a registry is named: checked here so a typo never reaches the engine. */
export function registryInputError(value: string): string | undefined {
  const v = value.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (!v) return undefined;
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::(.*))?$/.exec(v);
  if (!m) {
    const bad = [...v].findIndex((ch) => !/[A-Za-z0-9.\-:[\]]/.test(ch));
    return bad >= 0 ? `"${v[bad]}" at character ${bad + 1} cannot be part of a registry host` : 'Not a registry host: expected host or host:port';
  }
  if (m[2] !== undefined && !/^\d{1,5}$/.test(m[2])) return `port must be a number, found "${m[2]}"`;
  if (m[2] !== undefined && Number(m[2]) > 65535) return `port ${m[2]} is above 65535`;
  return undefined;
}
