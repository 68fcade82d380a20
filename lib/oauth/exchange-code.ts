import "server-only";
import * as oauth from "oauth4webapi";
import { readKeyValues } from "@/lib/connectors/params";
import type { AuthorizationRequest, Connector } from "@/lib/generated/prisma/client";
import { providerRequestOptions } from "@/lib/oauth/http";
import { providerError } from "@/lib/oauth/provider-errors";
import { authorizationServer, oauthClient, tokenClientAuth } from "@/lib/oauth/provider";
import { parseScopes } from "@/lib/oauth/scopes";
import { normalizeTokenResponse, type GrantTokens } from "@/lib/oauth/token-response";
import { aad, open } from "@/lib/vault";

/**
 * Exchanges the authorization code (RFC 6749 §4.1.3) with the stored PKCE verifier and the same
 * redirect_uri that was sent to the authorization endpoint (RFC 7636 §4.5).
 */
export async function exchangeCode(
  connector: Connector,
  request: Pick<AuthorizationRequest, "id" | "verifierEnc" | "redirectUri">,
  callbackParameters: URLSearchParams,
): Promise<GrantTokens> {
  const as = authorizationServer(connector);
  const client = oauthClient(connector);
  const verifier = open(request.verifierEnc, aad.verifier(request.id));
  const extra = readKeyValues(connector.tokenRequestData).map(({ key, value }) => [key, value]);

  let body: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      tokenClientAuth(connector),
      callbackParameters,
      request.redirectUri,
      verifier,
      { ...providerRequestOptions(connector.tokenUrl), additionalParameters: extra },
    );
    body = await oauth.processAuthorizationCodeResponse(as, client, response);
  } catch (error) {
    throw providerError(error, "token");
  }

  return normalizeTokenResponse(body, parseScopes(connector.scopes, connector.scopeSeparator), {
    defaultLifetimeSeconds: connector.defaultTokenLifetime,
  });
}
