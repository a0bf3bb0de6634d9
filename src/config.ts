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
  /** Prune only objects with this label (`key` or `key=value`); empty: everything. */
  pruneLabelFilter(): string {
    return vscode.workspace.getConfiguration('stowage').get<string>('prune.labelFilter', '');
  },
  quietLoad(): boolean {
    return vscode.workspace.getConfiguration('stowage').get<boolean>('load.quiet', false);
  },
  /** Endpoints the user added to the Engines view (machine-scoped, as the engine setting). */
  addedEngines(): string[] {
    return vscode.workspace.getConfiguration('stowage').get<string[]>('engines', []).filter((e) => typeof e === 'string' && e.trim());
  },
  async setAddedEngines(value: string[]): Promise<void> {
    await vscode.workspace.getConfiguration('stowage').update('engines', value, vscode.ConfigurationTarget.Global);
  },
  /** The engine Stowage uses; empty: as the docker CLI resolves it. Machine-scoped, so written to user settings. */
  async setDockerHost(value: string): Promise<void> {
    await vscode.workspace.getConfiguration('stowage').update('dockerHost', value || undefined, vscode.ConfigurationTarget.Global);
  },
  /** Settings whose change means a new connection to the engine. */
  reconnectKeys: ['stowage.dockerHost'],
};
