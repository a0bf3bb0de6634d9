/** A failure the user caused or can fix; the command wrapper shows its message as is. */
export class UserError extends Error {
  override name = 'UserError';
}
