import * as vscode from 'vscode';
import type { KnownEngine } from '../../engine/engines/KnownEngine';
import type { TreeNode } from '../TreeNode';

/** One engine in the Engines view: where it is, whether it answers, and what it is. */
export class EngineEntryNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly engine: KnownEngine,
    /** Stowage's own views show this engine now. */
    readonly inUse: boolean,
    /** Pinned: shown beside the other pinned engines in Images and Containers. */
    readonly pinned = false,
  ) {
    this.id = `engine:${engine.origin}:${engine.name}`;
  }

  treeItem(): vscode.TreeItem {
    const e = this.engine;
    const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const marks = [this.inUse ? 'in Stowage' : '', this.pinned ? 'pinned' : '', e.cliCurrent ? 'docker CLI current' : ''].filter(Boolean);
    const what = e.answers ? [e.version, e.os, e.storageDriver].filter(Boolean).join(' · ') : `not answering: ${e.error ?? 'unknown'}`;
    item.description = [...marks, what].join(' · ');
    item.iconPath = new vscode.ThemeIcon(e.answers ? (this.inUse ? 'pass-filled' : 'server') : 'error');
    // context.current / context / endpoint: which actions apply (Make Current and Remove only for contexts).
    const kind = e.origin === 'context' ? (e.name === 'default' ? 'engine.context.default' : 'engine.context') : `engine.${e.origin}`;
    // `:ssh` offers Check Host Key…; `:pinned` Unpin instead of Pin.
    item.contextValue = `${kind}${e.url.startsWith('ssh://') ? ':ssh' : ''}${this.pinned ? ':pinned' : ''}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${e.name}** (${e.origin === 'context' ? 'docker context' : e.origin === 'added' ? 'added endpoint' : e.origin})`,
        `Endpoint: \`${e.url || '—'}\``,
        e.description ? `Description: ${e.description}` : '',
        e.answers ? `Engine ${e.version}, ${e.os}, storage driver ${e.storageDriver}` : `Not answering: ${e.error}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    return item;
  }
}
