import type { ApiError, ApiErrorCode } from '../../preload/contract/api.js';

/** A handler's expected failure, sent to the caller as `{ok:false, error}`. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Pick<ApiError, 'position' | 'length'> = {},
  ) {
    super(message);
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
