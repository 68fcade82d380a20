import type * as oauth from "oauth4webapi";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseScopes } from "@/lib/oauth/scopes";

/** What Latchkey keeps from a token response, before encryption. */
export type GrantTokens = {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string;
  /** See `inferExpiry`; null means the token is used until it is refused. */
  expiresAt: Date | null;
  /** The granted scopes; the requested ones when the provider omits `scope` (RFC 6749 §5.1). */
  grantedScopes: string[];
  /** Non-secret extra fields (for example a provider's account id), for display and debugging. */
  extras: Record<string, string | number | boolean>;
};

// oauth4webapi has already checked the types and lowercased token_type; this is the second,
// tolerant pass that turns the answer into our shape.
const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  refresh_token: z.string().min(1).optional().catch(undefined),
  scope: z.string().optional().catch(undefined),
});

const STANDARD_FIELDS = new Set([
  "access_token",
  "refresh_token",
  "id_token",
  "token_type",
  "expires_in",
  "scope",
]);
const SECRET_LOOKING = /token|secret|password|code|key|assertion/i;
const MAX_EXTRAS = 20;

export type NormalizeOptions = {
  now?: Date;
  /** The connector's `defaultTokenLifetime` in seconds, for answers without any expiry. */
  defaultLifetimeSeconds?: number | null;
};

export function normalizeTokenResponse(
  body: oauth.TokenEndpointResponse,
  requestedScopes: string[],
  { now = new Date(), defaultLifetimeSeconds = null }: NormalizeOptions = {},
): GrantTokens {
  const parsed = tokenSchema.safeParse(body);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "body");
    throw new AppError(
      "provider_bad_response",
      `token response field "${field}" is missing or invalid`,
      "The provider returned an unexpected response.",
    );
  }
  const token = parsed.data;
  const granted = token.scope === undefined ? requestedScopes : parseScopes(token.scope);

  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token ?? null,
    tokenType: token.token_type.toLowerCase() === "bearer" ? "Bearer" : token.token_type,
    expiresAt: inferExpiry({
      expiresIn: body.expires_in,
      accessToken: token.access_token,
      defaultLifetimeSeconds,
      now,
    }),
    grantedScopes: granted,
    extras: extrasFrom(body),
  };
}

// Ten years: longer lifetimes are treated as "does not expire" rather than overflowing a Date.
const MAX_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

function lifetime(value: unknown): number | null {
  const seconds =
    typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_LIFETIME_SECONDS) return null;

  return seconds;
}

/** The `exp` claim of a JWT access token, read without verification: only an expiry hint. */
function jwtExpiry(accessToken: string, now: Date): Date | null {
  const parts = accessToken.split(".");
  if (parts.length !== 3) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    if (typeof exp !== "number" || !Number.isFinite(exp)) return null;
    const expiresAt = new Date(exp * 1000);
    // An exp already past (clock skew, a bogus claim) would make every call refresh: ignore it.
    if (expiresAt <= now || exp - now.getTime() / 1000 > MAX_LIFETIME_SECONDS) return null;

    return expiresAt;
  } catch {
    return null;
  }
}

/**
 * When a token answer's access token stops working, for both the code exchange and refresh
 * (RFC 6749 §5.1 makes `expires_in` optional): `expires_in` as a number or numeric string, else a
 * JWT access token's `exp`, else the connector's default lifetime, else null (non-expiring). A
 * refresh answer without any of these never keeps the old expiry: null is written instead.
 */
export function inferExpiry(input: {
  expiresIn: unknown;
  accessToken: string;
  defaultLifetimeSeconds?: number | null;
  now: Date;
}): Date | null {
  const at = (seconds: number) => new Date(input.now.getTime() + seconds * 1000);
  const fromAnswer = lifetime(input.expiresIn);
  if (fromAnswer !== null) return at(fromAnswer);

  const fromJwt = jwtExpiry(input.accessToken, input.now);
  if (fromJwt) return fromJwt;

  const fallback = lifetime(input.defaultLifetimeSeconds);
  // TODO(#4): a null expiry is refreshed when the proxy sees a 401 from the provider's API.
  return fallback === null ? null : at(fallback);
}

function extrasFrom(body: Record<string, unknown>): GrantTokens["extras"] {
  const extras: GrantTokens["extras"] = {};
  for (const [key, value] of Object.entries(body)) {
    if (Object.keys(extras).length >= MAX_EXTRAS) break;
    if (STANDARD_FIELDS.has(key) || SECRET_LOOKING.test(key)) continue;
    if (typeof value === "string" && value.length <= 200) extras[key] = value;
    if (typeof value === "number" || typeof value === "boolean") extras[key] = value;
  }

  return extras;
}
