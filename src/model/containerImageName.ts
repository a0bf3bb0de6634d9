import { shortId } from './shortId';

const FULL_ID = /^(sha256:)?[0-9a-f]{64}$/;

/**
 * The image a container row names. The engine gives the name the container was
 * run with, or, once that name has moved or been untagged, the image's full
 * 64-character ID: rows show that as the short ID, as `docker ps` does.
 */
export function containerImageName(image: string): string {
  return FULL_ID.test(image) ? shortId(image) : image;
}
