import "server-only";
import { keyPrefixOf, looksLikeApiKey } from "@/lib/api-keys/key-format";
import type { ApiScope } from "@/lib/api-keys/scopes";
import { touchLastUsed } from "@/lib/api-keys/touch-last-used";
import { verifyApiKey, type VerifiedClient } from "@/lib/api-keys/verify-api-key";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";

export type ApiCaller = VerifiedClient;

// One message for every reason a key is refused, so a caller cannot tell a wrong key from a
// revoked or expired one (SECURITY.md S29).
export const UNAUTHENTICATED_MESSAGE =
  "A valid API key is required: send it as Authorization: Bearer lk_….";

const QUERY_KEY_NAMES = ["api_key", "apikey"];

/**
 * Who is calling /api/v1, from `Authorization: Bearer lk_…` only. A key in the query string is
 * refused even when it is valid: URLs end up in logs and histories. Failures are audited with the
 * key prefix at most, never the key.
 */
export async function authenticateApiClient(
  request: Request,
  scope: ApiScope,
  options: { now?: Date; requestId?: string } = {},
): Promise<ApiCaller> {
  const now = options.now ?? new Date();
  const url = new URL(request.url);
  const deny = async (reason: string, prefix?: string, client?: Actor) => {
    await auditDenied({ reason, prefix, client, scope, path: url.pathname, ...options });
    throw new AppError("unauthenticated", `api key refused: ${reason}`, UNAUTHENTICATED_MESSAGE);
  };

  const inQuery = [...url.searchParams].find(
    ([name, value]) => QUERY_KEY_NAMES.includes(name.toLowerCase()) || looksLikeApiKey(value),
  );
  if (inQuery) return deny("key_in_query", keyPrefixOf(inQuery[1]) ?? undefined);

  const key = bearerToken(request.headers.get("authorization"));
  if (!key) return deny("no_bearer_key");

  const check = await verifyApiKey(key, now);
  if (!check.ok) {
    const actor = check.client && { type: "api_client" as const, ...check.client };
    return deny(check.reason, check.prefix, actor);
  }

  const caller = check.client;
  if (!caller.scopes.includes(scope)) {
    await auditDenied({ reason: "scope", scope, path: url.pathname, ...callerContext(caller) });
    throw new AppError(
      "forbidden",
      `api key lacks scope ${scope}`,
      `This API key may not call the ${scope} API.`,
    );
  }
  await touchLastUsed(caller, now);

  return caller;
}

/** Refuses connectors outside the key's allow-list (an empty list allows every connector). */
export async function assertConnectorsAllowed(
  caller: ApiCaller,
  names: string[],
  context: { path?: string; requestId?: string } = {},
): Promise<void> {
  if (caller.connectorNames.length === 0) return;
  const refused = names.filter((name) => !caller.connectorNames.includes(name));
  if (refused.length === 0) return;

  await auditDenied({
    reason: "connector",
    connectors: refused,
    path: context.path,
    requestId: context.requestId,
    ...callerContext(caller),
  });
  throw new AppError(
    "forbidden",
    `api key may not use connectors: ${refused.join(", ")}`,
    `This API key may not use these connectors: ${refused.join(", ")}.`,
  );
}

function bearerToken(header: string | null): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? "");

  return match?.[1] ?? null;
}

const callerContext = (caller: ApiCaller) => ({
  prefix: caller.keyPrefix,
  client: { type: "api_client" as const, id: caller.id, name: caller.name },
});

async function auditDenied(input: {
  reason: string;
  prefix?: string;
  client?: Actor;
  scope?: ApiScope;
  connectors?: string[];
  path?: string;
  requestId?: string;
}): Promise<void> {
  await recordAudit({
    actor: input.client ?? { type: "system", name: "unidentified API caller" },
    action: "api_key.denied",
    target: input.prefix ? `api_key:${input.prefix}` : undefined,
    outcome: "denied",
    details: {
      reason: input.reason,
      keyPrefix: input.prefix ?? null,
      scope: input.scope ?? null,
      connectors: input.connectors ?? [],
      path: input.path ?? null,
    },
    requestId: input.requestId,
  });
}
