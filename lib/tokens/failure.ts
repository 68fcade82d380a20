import * as oauth from "oauth4webapi";
import { AppError, type ErrorCode } from "@/lib/errors";
import { providerError, ProviderError } from "@/lib/oauth/provider-errors";

/**
 * What a failed refresh means for the grant (SECURITY.md S34): `reauth` when the provider refuses
 * the grant or the client for good, `transient` for timeouts, unreachable hosts, 5xx and 429 (the
 * grant is kept and the call may be retried), `other` for anything else (kept, not retried).
 */
export type RefreshFailure = {
  kind: "reauth" | "transient" | "other";
  error: AppError;
  oauthError?: string;
  /** From a Retry-After header, in milliseconds. */
  retryAfterMs?: number;
};

const REAUTH_ERRORS = new Set(["invalid_grant", "invalid_client", "unauthorized_client"]);

export function classifyRefreshError(thrown: unknown, now = Date.now()): RefreshFailure {
  const response = responseOf(thrown);
  const status = response?.status;
  if (status !== undefined && (status === 429 || status >= 500)) {
    return {
      kind: "transient",
      error: new AppError(
        "provider_unavailable",
        `token endpoint answered HTTP ${status}`,
        "The provider is unavailable right now. Try again in a moment.",
      ),
      retryAfterMs: retryAfterMs(response!.headers.get("retry-after"), now),
    };
  }

  const error = providerError(thrown, "token");
  const oauthError = error instanceof ProviderError ? error.oauthError : undefined;
  if (oauthError && REAUTH_ERRORS.has(oauthError)) return { kind: "reauth", error, oauthError };
  if (error.code === "provider_timeout" || error.code === "provider_unavailable") {
    return { kind: "transient", error };
  }

  return { kind: "other", error };
}

function responseOf(thrown: unknown): Response | undefined {
  if (thrown instanceof oauth.ResponseBodyError) return thrown.response;
  if (thrown instanceof oauth.WWWAuthenticateChallengeError) return thrown.response;
  if (thrown instanceof oauth.OperationProcessingError && thrown.cause instanceof Response) {
    return thrown.cause;
  }

  return undefined;
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); garbage is ignored. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/^[A-Za-z]{3}, /.test(value)) return undefined;
  const date = Date.parse(value);

  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The `lastError` column: `<code>: <message>`, with no secret in either (S40). */
export function describeFailure(error: AppError): string {
  return `${error.code}: ${error.message}`.slice(0, 500);
}

const WAITER_MESSAGES: Partial<Record<ErrorCode, string>> = {
  provider_timeout: "The provider did not answer in time.",
  provider_bad_response: "The provider returned an unexpected response.",
  provider_rejected: "The provider refused the request.",
  config_invalid: "This connector is not set up correctly. Ask your administrator.",
};

/** Rebuilds the error a lease holder recorded, for callers that waited on it. */
export function errorFromLastError(lastError: string | null): AppError {
  const recorded = (lastError?.split(":")[0] ?? "") as ErrorCode;
  const code = recorded in WAITER_MESSAGES ? recorded : "provider_unavailable";

  return new AppError(
    code,
    `a concurrent refresh failed (${lastError ?? "unknown"})`,
    WAITER_MESSAGES[code] ?? "The provider is unavailable right now. Try again in a moment.",
  );
}
