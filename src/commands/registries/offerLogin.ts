import * as vscode from 'vscode';
import type { StowageContext } from '../StowageContext';
import { login } from './login';

/**
 * After a push or pull the registry refused for want of a (valid) login: shows the
 * registry's reason with a "Log In" button and, when the user logs in, says so, so
 * the caller can try once more. Any other error is rethrown untouched.
 */
export async function offerLogin(ctx: StowageContext, err: unknown): Promise<true> {
  const e = err as { reason?: string; registry?: string; message?: string };
  if (e?.reason !== 'noCredentials' && e?.reason !== 'unauthorized') throw err;
  const registry = e.registry === 'docker.io' ? '' : (e.registry ?? '');
  const answer = await vscode.window.showErrorMessage(e.message ?? String(err), `Log In to ${registry || 'Docker Hub'}…`);
  if (!answer) throw new vscode.CancellationError();
  await login(ctx, registry);
  return true;
}
