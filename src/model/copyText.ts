import type { ContainerSummary, ImageSummary } from '../engine/types';
import { shortId } from './shortId';

export type ImageCopyKind = 'shortId' | 'fullId' | 'reference' | 'digest';
export type ContainerCopyKind = 'containerId' | 'containerName';

/**
 * What Copy puts on the clipboard for one image. The digest is the repository's own
 * (`name@sha256:…`), which exists only once the image was pushed or pulled: undefined then.
 */
export function imageCopyText(kind: ImageCopyKind, reference: string, image: ImageSummary): string | undefined {
  switch (kind) {
    case 'shortId':
      return shortId(image.id);
    case 'fullId':
      return image.id;
    case 'reference':
      return reference;
    case 'digest': {
      const repo = reference.startsWith('sha256:') ? undefined : reference.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
      return image.repoDigests.find((d) => repo && d.startsWith(`${repo}@`)) ?? image.repoDigests[0];
    }
  }
}

export function containerCopyText(kind: ContainerCopyKind, c: ContainerSummary): string {
  return kind === 'containerId' ? c.id : c.name;
}
