import type * as oauth from "oauth4webapi";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseScopes } from "@/lib/oauth/scopes";

/** What Latchkey keeps from a token response, before encryption. */
export type GrantTokens = {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string;
  /** Null when the provider sends no `expires_in`: the token is used until it is refused. */
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
  expires_in: z.number().finite().optional().catch(undefined),
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

export function normalizeTokenResponse(
  body: oauth.TokenEndpointResponse,
  requestedScopes: string[],
  now = new Date(),
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
  const expiresIn = token.expires_in;
  const granted = token.scope === undefined ? requestedScopes : parseScopes(token.scope);

  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token ?? null,
    tokenType: token.token_type.toLowerCase() === "bearer" ? "Bearer" : token.token_type,
    expiresAt: expiresIn && expiresIn > 0 ? new Date(now.getTime() + expiresIn * 1000) : null,
    grantedScopes: granted,
    extras: extrasFrom(body),
  };
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
