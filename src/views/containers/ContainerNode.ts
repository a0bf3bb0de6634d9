import * as vscode from 'vscode';
import type { ContainerSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import { containerHealth } from '../../model/containerHealth';
import { containerImageName } from '../../model/containerImageName';
import { composeServiceOf } from '../../model/groupByCompose';
import { formatAge } from '../../model/formatAge';
import { shortId } from '../../model/shortId';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { ReadAhead } from '../ReadAhead';
import type { TreeNode } from '../TreeNode';
import { ChangeNode } from './ChangeNode';
import { ContainerFilesNode } from './ContainerFilesNode';

/** A container; expanding it shows its writable layer, which is what a commit captures. */
export class ContainerNode implements TreeNode {
  readonly id: string;
  /** Its Files row: one per listing, so what a listing read ahead for it is what it shows. */
  private readonly files: ContainerFilesNode;
  private readonly rows = new ReadAhead(() => this.readChildren());
  constructor(
    readonly container: ContainerSummary,
    private readonly session: EngineSession,
    /** A stop asked for by Stowage is under way: the engine still says "running" until the container exits. */
    readonly stopping = false,
    /** Its Compose project's row, when Compose started it. */
    readonly parent?: TreeNode,
  ) {
    this.id = `container:${container.id}`;
    this.files = new ContainerFilesNode(this, container.id, container.imageId, session);
  }

  get running(): boolean {
    return this.container.state === 'running';
  }

  treeItem(): vscode.TreeItem {
    const c = this.container;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const ports = formatPorts(c);
    const image = containerImageName(c.image);
    const health = containerHealth(c.status);
    const state = this.stopping && this.running ? 'stopping…' : health ? `${c.state} (${health})` : c.state;
    const addresses = (c.networks ?? []).map((n) => n.ip);
    item.description = [composeServiceOf(c), image, state, addresses.join(', '), ports].filter(Boolean).join(' · ');
    item.iconPath =
      this.stopping && this.running
        ? new vscode.ThemeIcon('loading~spin')
        : new vscode.ThemeIcon(
            this.running ? 'vm-running' : c.state === 'paused' ? 'debug-pause' : 'vm-outline',
            this.running ? new vscode.ThemeColor('testing.iconPassed') : undefined,
          );
    item.contextValue = this.running ? (this.stopping ? 'container.stopping' : 'container.running') : c.state === 'paused' ? 'container.paused' : 'container.stopped';
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${c.name}**\n\n`);
    md.appendMarkdown(`**ID:** \`${shortId(c.id)}\`  \n**Image:** ${image === c.image ? `\`${image}\` (\`${shortId(c.imageId)}\`)` : `\`${image}\` (no name)`}  \n`);
    const stoppingNote = this.stopping && this.running ? ' — stopping: the engine sent SIGTERM and kills it when the stop timeout ends (Kill ends it now)' : '';
    md.appendMarkdown(`**State:** ${c.state} — ${c.status}${stoppingNote}  \n**Created:** ${formatAge(c.created)}  \n`);
    const nets = (c.networks ?? []).map((n) => `\`${n.ip}\` on ${n.name}`).join(', ');
    md.appendMarkdown(`**Health:** ${health ?? 'no health check'}  \n**IP:** ${nets || 'none (not on a network while stopped)'}  \n`);
    md.appendMarkdown(`**Ports:** ${ports || 'none'}\n\nExpand to see its files (image layers and writable layer) and its writable layer's changes: the files a commit would capture.`);
    item.tooltip = md;
    return item;
  }

  children(): Promise<TreeNode[]> {
    return this.rows.get();
  }

  /** Reads its rows now, and its Files row's when that is expanded too, for the view's next redraw (see ReadAhead). */
  async readAhead(withFiles: boolean): Promise<void> {
    await Promise.all([this.rows.prime(), withFiles ? this.files.readAhead() : undefined]);
  }

  private async readChildren(): Promise<TreeNode[]> {
    const changes = await engineModule().containerChanges(this.session.engine(), this.container.id);
    if (!changes.length) return [this.files, new MessageNode(`${this.id}/nochanges`, 'No changes in the writable layer', { icon: 'check' })];
    return [this.files, ...changes.map((ch) => new ChangeNode(this, ch))];
  }
}

function formatPorts(c: ContainerSummary): string {
  const seen = new Set<string>();
  for (const p of c.ports) {
    seen.add(p.publicPort ? `${p.ip && p.ip !== '0.0.0.0' && p.ip !== '::' ? `${p.ip}:` : ''}${p.publicPort}→${p.privatePort}/${p.type}` : `${p.privatePort}/${p.type}`);
  }
  return [...seen].join(', ');
}
