import * as vscode from 'vscode';
import type { TagEntry } from '../../model/buildImageTree';
import { describeLayers } from '../../model/describeLayers';
import { formatAge } from '../../model/formatAge';
import { formatBytes } from '../../shared/formatBytes';
import { shortId } from '../../model/shortId';
import type { EngineSession } from '../../session/EngineSession';
import { engineModule } from '../../engineModule';
import type { TreeNode } from '../TreeNode';
import { LayerNode } from './LayerNode';
import { otherTagCount, otherTags } from '../../model/otherTags';
import { plural } from '../../model/plural';
import { newerMarks } from './newerMarks';
import { ImageFsNode } from '../imagefs/ImageFsNode';

/** Other names shown in a tag's tooltip; an image with thousands of names says how many more. */
const TOOLTIP_TAGS = 20;

/** A name of an image (`repo:tag`). Expanding it fetches the layers, and only then; its filesystem comes first. */
export class TagNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly entry: TagEntry,
    private readonly session: EngineSession,
  ) {
    this.id = `tag:${entry.reference}`;
  }

  get reference(): string {
    return this.entry.reference;
  }

  get imageId(): string {
    return this.entry.image.id;
  }

  treeItem(): vscode.TreeItem {
    const { tag, image } = this.entry;
    const others = otherTagCount(this.entry);
    const item = new vscode.TreeItem(tag, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const parts = [shortId(image.id), formatBytes(image.size), formatAge(image.created)];
    if (others) parts.push(`+${plural(others, 'more tag', 'more tags')}`);
    const mark = newerMarks.get(this.entry.reference);
    if (mark?.state === 'newer') parts.unshift(`registry has a newer ${this.entry.reference.slice(this.entry.reference.lastIndexOf('/') + 1)}`);
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(mark?.state === 'newer' ? 'cloud-download' : 'tag');
    item.contextValue = 'image.tag';
    item.accessibilityInformation = { label: `${this.entry.reference}, ${parts.join(', ')}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    const engine = this.session.engine();
    const mod = engineModule();
    const [history, info] = await Promise.all([mod.imageHistory(engine, this.imageId), mod.inspectImage(engine, this.imageId)]);
    const rows = describeLayers(history, info.RootFS?.Layers ?? [], this.entry.image.repoTags);
    return [new ImageFsNode(this, this.session, this.imageId), ...rows.map((r, i) => new LayerNode(this, r, i, { session: this.session, imageId: this.imageId }))];
  }

  async resolveTooltip(): Promise<vscode.MarkdownString> {
    const engine = this.session.engine();
    const mod = engineModule();
    const { image, reference } = this.entry;
    const [info, containers] = await Promise.all([mod.inspectImage(engine, image.id), mod.listContainers(engine)]);
    const users = containers.filter((c) => c.imageId === image.id);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${reference}**\n\n`);
    md.appendMarkdown(`**ID:** \`${image.id}\`  \n`);
    const also = otherTags(this.entry, TOOLTIP_TAGS);
    if (also.names.length) md.appendMarkdown(`**Also tagged:** ${also.names.map((t) => `\`${t}\``).join(', ')}${also.more ? ` and ${also.more} more` : ''}  \n`);
    md.appendMarkdown(`**Digests:** ${image.repoDigests.length ? image.repoDigests.map((d) => `\`${d}\``).join(', ') : 'none (never pushed or pulled)'}  \n`);
    const mark = newerMarks.get(reference);
    if (mark?.state === 'newer') md.appendMarkdown(`**Registry:** has a newer ${reference}: \`${mark.digest}\` (this image: ${mark.local.map((d) => `\`${d}\``).join(', ')})  \n`);
    else if (mark?.state === 'same') md.appendMarkdown(`**Registry:** the same digest as here  \n`);
    md.appendMarkdown(`**Created:** ${new Date(image.created * 1000).toISOString()} (${formatAge(image.created)})  \n`);
    md.appendMarkdown(`**Size:** ${formatBytes(image.size)}  \n`);
    md.appendMarkdown(`**Platform:** ${info.Os}/${info.Architecture}${(info as { Variant?: string }).Variant ? `/${(info as { Variant?: string }).Variant}` : ''}  \n`);
    md.appendMarkdown(`**Layers:** ${info.RootFS?.Layers?.length ?? 0}  \n`);
    md.appendMarkdown(`**Used by:** ${users.length ? users.map((c) => `\`${c.name}\` (${c.state})`).join(', ') : 'no container'}  \n`);
    return md;
  }
}
