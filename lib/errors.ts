/**
 * The one error model (STYLE.md §5). Library code throws AppError; the boundary (route handler,
 * server action, page) catches once and maps `code` to a status or a plain-words page.
 */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  user_not_found: 404,
  connector_not_found: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  conflict: 409,
  state_invalid: 400,
  state_expired: 400,
  state_other_session: 403,
  connector_changed: 409,
  needs_reauth: 409,
  access_denied: 400,
  provider_rejected: 502,
  provider_bad_response: 502,
  provider_unavailable: 503,
  provider_timeout: 504,
  decrypt_failed: 500,
  config_invalid: 500,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to a person: never contains a secret, token, code or provider markup. */
  readonly userMessage: string;

  constructor(
    code: ErrorCode,
    message: string,
    userMessage?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage ?? message;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError without leaking its message to users. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;

  return new AppError("internal", "unexpected error", "Something went wrong on our side.", {
    cause: value,
  });
}
