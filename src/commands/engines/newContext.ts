import * as vscode from 'vscode';
import { engineModule } from '../../engineModule';
import type { StowageContext } from '../StowageContext';

/**
 * New Context…: creates a docker CLI context as `docker context create` would
 * (ssh://, tcp:// with TLS files, unix://). Every field is checked as typed; the
 * engine layer checks all again, and reads the TLS files, before writing anything.
 */
export async function newContext(ctx: StowageContext): Promise<void> {
  const mod = engineModule();
  const name = await vscode.window.showInputBox({
    title: 'New Docker context (1/3): name',
    placeHolder: 'build-server',
    validateInput: (v) => {
      try {
        mod.validateContextName(v);
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
  });
  if (name === undefined) throw new vscode.CancellationError();
  const host = await vscode.window.showInputBox({
    title: `New Docker context ${name} (2/3): endpoint`,
    placeHolder: 'ssh://user@host[:port], tcp://host:2376, unix:///path/docker.sock',
    validateInput: (v) => {
      try {
        const ep = mod.parseHost(v.trim(), 'endpoint');
        return ep.kind === 'npipe' ? 'a named pipe exists only on Windows' : undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
  });
  if (host === undefined) throw new vscode.CancellationError();
  let tls: { ca?: string; cert?: string; key?: string } | undefined;
  if (host.trim().startsWith('tcp://')) {
    const files = await vscode.window.showOpenDialog({ title: 'TLS files: ca.pem, cert.pem, key.pem (Cancel for none)', canSelectMany: true, filters: { PEM: ['pem', 'crt', 'key'] } });
    if (files?.length) {
      tls = {};
      for (const f of files) {
        const base = f.fsPath.split('/').pop() ?? '';
        if (/key/i.test(base)) tls.key = f.fsPath;
        else if (/ca/i.test(base)) tls.ca = f.fsPath;
        else tls.cert = f.fsPath;
      }
    }
  }
  const description = await vscode.window.showInputBox({ title: `New Docker context ${name} (3/3): description (optional)` });
  if (description === undefined) throw new vscode.CancellationError();
  await mod.createContext({ name, host: host.trim(), description: description.trim() || undefined, tls });
  ctx.engines.refresh();
  void vscode.window.showInformationMessage(`Created the docker context ${name} (${host.trim()}); \`docker context ls\` lists it.`);
}
