import "server-only";
import * as oauth from "oauth4webapi";
import { readKeyValues } from "@/lib/connectors/params";
import { AppError, isAppError } from "@/lib/errors";
import type { Connector } from "@/lib/generated/prisma/client";
import { providerRequestOptions } from "@/lib/oauth/http";
import { authorizationServer, oauthClient, tokenClientAuth } from "@/lib/oauth/provider";
import { safeOAuthCode } from "@/lib/oauth/provider-errors";
import { normalizeTokenResponse, type GrantTokens } from "@/lib/oauth/token-response";

/**
 * One refresh request (RFC 6749 §6) with the connector's client authentication and extra token
 * request data, as the code exchange sends them. Throws whatever oauth4webapi throws, for
 * `classifyRefreshError` to sort out; the scope stays the granted one when the answer omits it.
 */
export async function requestRefresh(
  connector: Connector,
  refreshToken: string,
  grantedScopes: string[],
  timeoutMs: number,
): Promise<GrantTokens> {
  const as = authorizationServer(connector);
  const client = oauthClient(connector);
  const extra = readKeyValues(connector.tokenRequestData).map(({ key, value }) => [key, value]);

  const response = await oauth.refreshTokenGrantRequest(
    as,
    client,
    clientAuth(connector),
    refreshToken,
    { ...providerRequestOptions(connector.tokenUrl, { timeoutMs }), additionalParameters: extra },
  );
  const body = await oauth.processRefreshTokenResponse(as, client, response);
  const tokens = normalizeTokenResponse(body, grantedScopes, {
    defaultLifetimeSeconds: connector.defaultTokenLifetime,
  });
  if (tokens.tokenType !== "Bearer") {
    throw new AppError(
      "provider_bad_response",
      `token endpoint answered token_type "${safeOAuthCode(tokens.tokenType)}", not Bearer`,
      "The provider returned an unexpected response.",
    );
  }

  return tokens;
}

function clientAuth(connector: Connector): oauth.ClientAuth {
  try {
    return tokenClientAuth(connector);
  } catch (error) {
    if (!isAppError(error) || error.code !== "decrypt_failed") throw error;
    throw new AppError(
      "config_invalid",
      `client secret of connector ${connector.id} could not be decrypted`,
      "This connector is not set up correctly. Ask your administrator.",
      { cause: error },
    );
  }
}
