import type { RevokeConnector } from "@/lib/oauth/revoke";
import { CANARY } from "@/lib/oauth/testing/fixtures";
import { aad, seal } from "@/lib/vault";

export const CLIENT_ID = "latchkey-client";

/** A connector as revokeAtProvider reads it, with the RFC 7009 defaults and endpoints on `baseUrl`. */
export function revokeConnector(
  baseUrl: string,
  overrides: Partial<RevokeConnector> = {},
): RevokeConnector {
  const id = crypto.randomUUID();

  return {
    id,
    name: "acme",
    authorizationUrl: `${baseUrl}/authorize`,
    tokenUrl: `${baseUrl}/token`,
    revokeUrl: `${baseUrl}/revoke`,
    clientId: CLIENT_ID,
    clientSecretEnc: seal(CANARY.clientSecret, aad.clientSecret(id)),
    clientAuth: "basic",
    revokeAuth: "basic",
    revokeWhich: "refresh_token",
    revokeTypeHint: true,
    revokeTokenKey: "token",
    revokeMethod: "POST",
    revokeBodyFormat: "form",
    revokeExtraData: [],
    ...overrides,
  };
}
