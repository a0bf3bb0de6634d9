import { formatBytes } from '../shared/formatBytes';
import { plural } from './plural';
import type { LayerComparison } from './compareLayers';

export interface ComparisonHeading {
  /** `127.0.0.1:5000/team/app:1.4` */
  readonly reference: string;
  readonly digest: string;
  /** `linux/amd64`, `linux/arm/v7` */
  readonly platform: string;
  /** When the tag is an image index: its digest, the platforms it offers, and the one compared (the engine's). */
  readonly index?: { readonly digest: string; readonly offered: readonly string[]; readonly chosen: string };
  /** The local image under the same name, if any, and whether it is the registry's digest. */
  readonly localImage?: { readonly id: string; readonly same: boolean };
  readonly readAt: string;
}

/** The comparison as a plain-text document: a heading, the totals, one line per layer bottom first. */
export function describeLayerComparison(heading: ComparisonHeading, c: LayerComparison): string {
  const lines = [
    `${heading.reference} (${heading.platform}) against the local engine, read at ${heading.readAt}`,
    ...(heading.index
      ? [
          `registry digest: ${heading.index.digest}, an image index for ${heading.index.offered.join(', ')}`,
          `compared: ${heading.index.chosen}, this engine's platform, as a pull here would take it (manifest ${heading.digest})`,
        ]
      : [`registry digest: ${heading.digest}`]),
    heading.localImage
      ? `local ${heading.reference}: image ${heading.localImage.id.replace(/^sha256:/, '').slice(0, 12)}, ${heading.localImage.same ? 'the same as the registry\'s' : 'not what the registry has now'}`
      : `no local image is named ${heading.reference}`,
    '',
    `${c.presentCount} of ${plural(c.layers.length, 'layer')} already present locally by diff ID (${formatBytes(c.presentBytes)} of ${formatBytes(c.totalBytes)} compressed);` +
      ` a pull would download ${formatBytes(c.missingBytes)} (${plural(c.layers.filter((l) => !l.sameChain).length, 'layer')} not on a local chain).`,
    '',
  ];
  c.layers.forEach((l, i) => {
    const state = l.sameChain ? 'present' : l.present ? 'present, other chain' : 'missing';
    lines.push(`${String(i + 1).padStart(3)}  ${state.padEnd(20)}  ${formatBytes(l.size).padStart(9)}  ${l.diffId}${l.heldBy.length ? `  in ${l.heldBy.join(', ')}` : ''}`);
  });
  lines.push('');
  lines.push('"present, other chain": the engine has this content, but on different layers below it, so a pull still downloads it.');
  return `${lines.join('\n')}\n`;
}
