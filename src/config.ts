import * as vscode from 'vscode';
import type { ImageGrouping } from './model/buildImageTree';

/** Typed access to Stowage's settings; every read goes through here. */
export const config = {
  dockerHost(): string {
    return vscode.workspace.getConfiguration('stowage').get<string>('dockerHost', '');
  },
  shell(): string[] {
    const raw = vscode.workspace.getConfiguration('stowage').get<string>('containerShell', '/bin/sh').trim();
    return raw ? raw.split(/\s+/) : ['/bin/sh'];
  },
  imageGrouping(): ImageGrouping {
    return vscode.workspace.getConfiguration('stowage').get<ImageGrouping>('images.grouping', 'repository');
  },
  async setImageGrouping(value: ImageGrouping): Promise<void> {
    await vscode.workspace.getConfiguration('stowage').update('images.grouping', value, vscode.ConfigurationTarget.Global);
  },
  /** How many of the last log lines Show Logs starts with (0: the whole log). */
  logTail(): number {
    return Math.max(0, Math.floor(vscode.workspace.getConfiguration('stowage').get<number>('logs.tail', 500)));
  },
  quietLoad(): boolean {
    return vscode.workspace.getConfiguration('stowage').get<boolean>('load.quiet', false);
  },
  /** Settings whose change means a new connection to the engine. */
  reconnectKeys: ['stowage.dockerHost'],
};
