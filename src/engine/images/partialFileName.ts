import { randomBytes } from 'node:crypto';

/**
 * The temporary file a save writes before renaming it over the destination:
 * `.<name>.<pid>.<12 hex>.partial`, hidden, beside it. The writer's pid is in the
 * name so that a later save can tell a file whose writer was killed from one
 * still being written (removeStalePartials).
 */
export function partialFileName(destinationName: string, pid = process.pid): string {
  return `.${destinationName}.${pid}.${randomBytes(6).toString('hex')}.partial`;
}

/** The pid of the writer of a file named by partialFileName, or undefined for any other name. */
export function partialFileWriter(fileName: string): number | undefined {
  const m = /^\..+\.([1-9]\d{0,9})\.[0-9a-f]{12}\.partial$/.exec(fileName);
  return m ? Number(m[1]) : undefined;
}
