import "server-only";
import * as oauth from "oauth4webapi";
import { readRevokeData } from "@/lib/connectors/revoke-data";
import { AppError, toAppError } from "@/lib/errors";
import type { Connector } from "@/lib/generated/prisma/client";
import { providerRequestOptions } from "@/lib/oauth/http";
import { providerError } from "@/lib/oauth/provider-errors";
import {
  authorizationServer,
  oauthClient,
  revocationClientAuth,
  type ProviderConnector,
} from "@/lib/oauth/provider";
import {
  buildRevokeRequest,
  isStandardRevocation,
  sendRevokeRequest,
  type RevokeOptions,
  type TokenKind,
} from "@/lib/oauth/revoke-request";

export type { TokenKind } from "@/lib/oauth/revoke-request";

/** "revoked" only when the provider answered 2xx to every revocation request (RFC 7009 §2.2). */
export type RemoteRevocation = "revoked" | "failed" | "no_revoke_url";

export type RevocationResult = {
  outcome: RemoteRevocation;
  /** The tokens the provider confirmed, in the order they were sent. */
  revoked: TokenKind[];
  /** The first failure in words safe for logs and the audit table (never a body or token). */
  failure: string | null;
};

export type HeldTokens = { accessToken: string | null; refreshToken: string | null };

export type RevokeConnector = ProviderConnector & RevokeOptions & Pick<Connector, "revokeWhich">;

/**
 * Asks the provider to revoke the tokens the connector is configured for, refresh token first
 * (RFC 7009 §2.1: revoking it should end the grant's access tokens too). Never throws.
 */
export async function revokeAtProvider(
  connector: RevokeConnector,
  tokens: HeldTokens,
): Promise<RevocationResult> {
  if (!connector.revokeUrl) return { outcome: "no_revoke_url", revoked: [], failure: null };
  const targets = tokensToRevoke(connector.revokeWhich, tokens);
  if (targets.length === 0) {
    return { outcome: "failed", revoked: [], failure: "no token left to revoke" };
  }

  const revoked: TokenKind[] = [];
  let failure: string | null = null;
  for (const target of targets) {
    try {
      await revokeOne(connector, target.token, target.kind, tokens.accessToken);
      revoked.push(target.kind);
    } catch (thrown) {
      failure ??= `${target.kind}: ${toAppError(providerError(thrown, "revocation")).message}`;
    }
  }

  return { outcome: revoked.length === targets.length ? "revoked" : "failed", revoked, failure };
}

/** The tokens to send, refresh token first; without a refresh token, the access token is left. */
export function tokensToRevoke(
  which: Connector["revokeWhich"],
  tokens: HeldTokens,
): { token: string; kind: TokenKind }[] {
  const refresh = tokens.refreshToken
    ? [{ token: tokens.refreshToken, kind: "refresh_token" as const }]
    : [];
  const access = tokens.accessToken
    ? [{ token: tokens.accessToken, kind: "access_token" as const }]
    : [];
  if (which === "both") return [...refresh, ...access];
  if (which === "access_token") return access;

  return refresh.length > 0 ? refresh : access;
}

async function revokeOne(
  connector: RevokeConnector,
  token: string,
  kind: TokenKind,
  accessToken: string | null,
): Promise<void> {
  if (!isStandardRevocation(connector)) {
    await sendRevokeRequest(buildRevokeRequest(connector, { token, kind, accessToken }));
    return;
  }

  const extra = readRevokeData(connector.revokeExtraData, connector.revokeTokenKey);
  const parameters = new URLSearchParams(connector.revokeTypeHint ? { token_type_hint: kind } : {});
  for (const item of extra) parameters.append(item.key, item.value);
  const response = await oauth.revocationRequest(
    authorizationServer(connector),
    oauthClient(connector),
    revocationClientAuth(connector),
    token,
    { ...providerRequestOptions(connector.revokeUrl!), additionalParameters: parameters },
  );
  // RFC 7009 names 200; any 2xx is taken as success, as providers answer 204 too.
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  await oauth.processRevocationResponse(response);
  throw new AppError(
    "provider_bad_response",
    `revocation endpoint answered HTTP ${response.status}`,
  );
}
