import "server-only";
import * as oauth from "oauth4webapi";
import type { Connector } from "@/lib/generated/prisma/client";
import { aad, open } from "@/lib/vault";

/** The connector fields the protocol steps read. */
export type ProviderConnector = Pick<
  Connector,
  | "id"
  | "name"
  | "authorizationUrl"
  | "tokenUrl"
  | "revokeUrl"
  | "clientId"
  | "clientSecretEnc"
  | "clientAuth"
  | "revokeAuth"
>;

/**
 * The connector's endpoints as authorization server metadata. The issuer is the authorization
 * URL's origin: an `iss` in the authorization response must equal it (RFC 9207).
 */
export function authorizationServer(connector: ProviderConnector): oauth.AuthorizationServer {
  return {
    issuer: new URL(connector.authorizationUrl).origin,
    authorization_endpoint: connector.authorizationUrl,
    token_endpoint: connector.tokenUrl,
    revocation_endpoint: connector.revokeUrl ?? undefined,
  };
}

export function oauthClient(connector: ProviderConnector): oauth.Client {
  return { client_id: connector.clientId };
}

function clientSecret(connector: ProviderConnector): string {
  return open(connector.clientSecretEnc, aad.clientSecret(connector.id));
}

/** Client authentication at the token endpoint (RFC 6749 §2.3.1). */
export function tokenClientAuth(connector: ProviderConnector): oauth.ClientAuth {
  if (connector.clientAuth === "post") return oauth.ClientSecretPost(clientSecret(connector));

  // TODO(#5): for `auto`, fall back to post on invalid_client and remember what worked.
  return oauth.ClientSecretBasic(clientSecret(connector));
}

/** Client authentication at the revocation endpoint, configured apart from the token endpoint. */
export function revocationClientAuth(connector: ProviderConnector): oauth.ClientAuth {
  if (connector.revokeAuth === "none") return oauth.None();
  if (connector.revokeAuth === "post") return oauth.ClientSecretPost(clientSecret(connector));

  return oauth.ClientSecretBasic(clientSecret(connector));
}
