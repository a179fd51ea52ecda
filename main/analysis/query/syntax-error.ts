/**
 * A query the user must fix. `position` and `length` locate the offending text (string indices,
 * UTF-16 code units) so the UI can underline it; `length` may be 0 for "something is missing here".
 */
export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';

  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
  }
}
