/** The hex length of each algorithm the docker CLI registers; 0 for any other name. */
export function digestHexLength(algorithm: string): number {
  switch (algorithm) {
    case 'sha256':
      return 64;
    case 'sha384':
      return 96;
    case 'sha512':
      return 128;
    default:
      return 0;
  }
}
