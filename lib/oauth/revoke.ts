import "server-only";
import * as oauth from "oauth4webapi";
import { AppError, toAppError } from "@/lib/errors";
import type { Connector } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { providerRequestOptions } from "@/lib/oauth/http";
import { providerError } from "@/lib/oauth/provider-errors";
import {
  authorizationServer,
  oauthClient,
  revocationClientAuth,
  type ProviderConnector,
} from "@/lib/oauth/provider";

/** "revoked" only when the provider answered 200 to every revocation request (RFC 7009 §2.2). */
export type RemoteRevocation = "revoked" | "failed" | "no_revoke_url";

export type HeldTokens = { accessToken: string | null; refreshToken: string | null };

type TokenTypeHint = "refresh_token" | "access_token";

export type RevokeConnector = ProviderConnector &
  Pick<Connector, "revokeWhich" | "revokeTypeHint" | "revokeTokenKey">;

/**
 * Asks the provider to revoke the tokens the connector is configured for, refresh token first
 * (RFC 7009 §2.1: revoking it should end the grant's access tokens too). Never throws.
 */
export async function revokeAtProvider(
  connector: RevokeConnector,
  tokens: HeldTokens,
): Promise<RemoteRevocation> {
  if (!connector.revokeUrl) return "no_revoke_url";
  const targets = tokensToRevoke(connector.revokeWhich, tokens);
  if (targets.length === 0) return "failed";

  let allRevoked = true;
  for (const target of targets) {
    try {
      await revokeOne(connector, target.token, target.hint);
    } catch (thrown) {
      allRevoked = false;
      const error = toAppError(providerError(thrown, "revocation"));
      log.warn("connection.revoke.remote_failed", {
        connectorId: connector.id,
        hint: target.hint,
        failure: error.code,
        reason: error.message,
      });
    }
  }

  return allRevoked ? "revoked" : "failed";
}

function tokensToRevoke(
  which: Connector["revokeWhich"],
  tokens: HeldTokens,
): { token: string; hint: TokenTypeHint }[] {
  const refresh = tokens.refreshToken
    ? [{ token: tokens.refreshToken, hint: "refresh_token" as const }]
    : [];
  const access = tokens.accessToken
    ? [{ token: tokens.accessToken, hint: "access_token" as const }]
    : [];
  if (which === "both") return [...refresh, ...access];
  if (which === "access_token") return access;

  // Without a refresh token, the access token is the only thing left to revoke.
  return refresh.length > 0 ? refresh : access;
}

async function revokeOne(connector: RevokeConnector, token: string, hint: TokenTypeHint) {
  const options: oauth.RevocationRequestOptions = {
    ...providerRequestOptions(connector.revokeUrl!),
    additionalParameters: connector.revokeTypeHint ? { token_type_hint: hint } : undefined,
  };
  if (connector.revokeTokenKey !== "token") {
    options[oauth.customFetch] = renameTokenField(connector.revokeTokenKey);
  }

  const response = await oauth.revocationRequest(
    authorizationServer(connector),
    oauthClient(connector),
    revocationClientAuth(connector),
    token,
    options,
  );
  await oauth.processRevocationResponse(response);
  await response.body?.cancel();
}

/**
 * Some providers name the field other than RFC 7009's `token`. oauth4webapi always builds `token`,
 * so the finished body is rewritten on its way out; everything else stays the library's.
 */
function renameTokenField(key: string) {
  return (url: string, init: oauth.CustomFetchOptions<"POST", URLSearchParams>) => {
    if (key !== "token" && init.body.has(key)) {
      throw new AppError("config_invalid", `revocation token key "${key}" collides with a field`);
    }
    const body = new URLSearchParams();
    for (const [name, value] of init.body) body.append(name === "token" ? key : name, value);

    return fetch(url, { ...init, body });
  };
}
