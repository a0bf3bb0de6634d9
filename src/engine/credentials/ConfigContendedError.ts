/**
 * Another program kept rewriting config.json over Stowage's change (the docker CLI
 * writes the whole file from a copy it read earlier, without a lock), and the
 * bounded retries ran out: the change may not be there. Never holds a secret.
 */
export class ConfigContendedError extends Error {
  constructor(
    readonly path: string,
    /** How many times Stowage wrote its change. */
    readonly attempts: number,
  ) {
    super(`another program kept rewriting ${path} over Stowage's change (${attempts} tries); Stowage could not make it stick`);
    this.name = 'ConfigContendedError';
  }
}
