import * as oauth from "oauth4webapi";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";

/** An AppError from a provider answer, carrying the OAuth error code (never its description). */
export class ProviderError extends AppError {
  readonly oauthError?: string;
  /** Where the answer came from: the browser redirect (authorize) or a back-channel call. */
  readonly stage: "authorize" | "token" | "revocation";

  constructor(
    code: ErrorCode,
    message: string,
    userMessage: string,
    options: { oauthError?: string; stage: ProviderError["stage"]; cause?: unknown },
  ) {
    super(code, message, userMessage, { cause: options.cause });
    this.oauthError = options.oauthError;
    this.stage = options.stage;
  }
}

/** OAuth error codes are ASCII words (RFC 6749 §5.2); anything else is not repeated anywhere. */
export function safeOAuthCode(value: unknown): string {
  return typeof value === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : "unknown";
}

function statusOf(cause: unknown): number | undefined {
  return cause instanceof Response ? cause.status : undefined;
}

/**
 * Maps whatever an oauth4webapi call threw to one AppError (SECURITY.md S12-S14). Messages name
 * the endpoint and the HTTP status, never a body, token or description.
 */
export function providerError(error: unknown, endpoint: "token" | "revocation"): AppError {
  if (isAppError(error)) return error;
  const where = `${endpoint} endpoint`;

  if (error instanceof oauth.ResponseBodyError) {
    const oauthError = safeOAuthCode(error.error);
    return new ProviderError(
      "provider_rejected",
      `${where} answered OAuth error "${oauthError}" (HTTP ${error.status})`,
      "The provider refused the request.",
      { oauthError, stage: endpoint },
    );
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const oauthError = safeOAuthCode(error.cause[0]?.parameters.error ?? "invalid_client");
    return new ProviderError(
      "provider_rejected",
      `${where} answered a WWW-Authenticate challenge (HTTP ${error.status})`,
      "The provider refused the request.",
      { oauthError, stage: endpoint },
    );
  }
  if (error instanceof oauth.OperationProcessingError) {
    return fromProcessingError(error, where);
  }
  if (error instanceof oauth.UnsupportedOperationError) {
    return new AppError(
      "provider_bad_response",
      `${where} answered with an unsupported value: ${error.message}`,
      "The provider returned an unexpected response.",
    );
  }
  if (
    error instanceof DOMException &&
    (error.name === "TimeoutError" || error.name === "AbortError")
  ) {
    return new AppError(
      "provider_timeout",
      `${where} did not answer in time`,
      "The provider did not answer in time.",
    );
  }
  if (
    error instanceof TypeError &&
    !String((error as { code?: unknown }).code).startsWith("ERR_INVALID_ARG")
  ) {
    return new AppError(
      "provider_unavailable",
      `${where} could not be reached: ${error.message}`,
      "The provider could not be reached.",
      { cause: error },
    );
  }

  return new AppError(
    "internal",
    `${where} call failed unexpectedly`,
    "Something went wrong on our side.",
    { cause: error },
  );
}

function fromProcessingError(error: oauth.OperationProcessingError, where: string): AppError {
  if (
    error.code === oauth.HTTP_REQUEST_FORBIDDEN ||
    error.code === oauth.REQUEST_PROTOCOL_FORBIDDEN
  ) {
    return new AppError(
      "config_invalid",
      `${where} URL is not allowed: ${error.message}`,
      "This connector is not set up correctly. Ask your administrator.",
    );
  }
  const status = statusOf(error.cause);
  if (status !== undefined && status >= 500) {
    return new AppError(
      "provider_unavailable",
      `${where} answered HTTP ${status}`,
      "The provider is unavailable right now.",
    );
  }

  return new AppError(
    "provider_bad_response",
    `${where} answered unexpectedly${status ? ` (HTTP ${status})` : ""}: ${error.message}`,
    "The provider returned an unexpected response.",
  );
}
