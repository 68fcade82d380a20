import Provider from "oidc-provider";
import { escapeHtml, page } from "@/demo/html";
import type { Handler } from "@/demo/http-server";
import { sendHtml } from "@/demo/interactions";
import { commonConfiguration, signingKeys } from "@/demo/provider-config";
import type { DemoSystem } from "@/demo/systems";

/**
 * A demo third-party OAuth 2.0 server: authorization code with PKCE S256 required, a refresh
 * token for every code grant, RFC 7009 revocation, and a consent page.
 */
export type ApiClient = {
  clientId: string;
  clientSecret: string;
  auth: "client_secret_basic" | "client_secret_post";
};

export type ApiProviderOptions = {
  issuer: string;
  publicBaseUrl: string;
  clients: ApiClient[];
  cookieKey: string;
  accessTokenTtl: number;
};

export async function createApiProvider(
  system: DemoSystem,
  options: ApiProviderOptions,
): Promise<Provider> {
  const common = commonConfiguration(
    { brand: system.brand, cookieKey: options.cookieKey, accessTokenTtl: options.accessTokenTtl },
    await signingKeys(),
  );

  return new Provider(options.issuer, {
    ...common,
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: "Latchkey",
      redirect_uris: [`${options.publicBaseUrl}/auth/oauthCallback`],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: client.auth,
    })),
    scopes: ["openid", "offline_access", ...Object.keys(system.scopes)],
    features: {
      ...(common.features as object),
      revocation: {
        enabled: true,
        // RFC 7009 §2.1: a client may only revoke its own tokens; others are ignored.
        allowedPolicy: async (
          _ctx: unknown,
          client: { clientId: string },
          token: { clientId: string },
        ) => token.clientId === client.clientId,
      },
    },
    pkce: { required: () => true },
    // Many real providers hand out a refresh token for every code grant (Google with
    // access_type=offline, for one), without the OpenID `offline_access` scope.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed("refresh_token"),
    // Grants outlive the provider's login session, as a connected app's access does.
    expiresWithSession: async () => false,
    rotateRefreshToken: system.rotateRefreshTokens,
  });
}

/** The instructions page a connector's "Instructions URL" points at. */
export function accountAppsPage(system: DemoSystem): Handler {
  return (_req, res) =>
    sendHtml(
      res,
      200,
      page(
        `${system.brand}: connected apps`,
        `<h1>Apps connected to your ${escapeHtml(system.brand)} account</h1>
<p>Apps such as Latchkey get access to your account when you press <strong>Allow</strong>.</p>
<h2>Remove an app's access</h2>
<ol>
<li>Disconnect ${escapeHtml(system.brand)} in the app itself. In Latchkey: open
<strong>Connections</strong> and press <strong>Revoke</strong> next to ${escapeHtml(system.brand)}.</li>
<li>If the app could not reach ${escapeHtml(system.brand)} at that moment, its access token stops
working when it expires; ask your administrator to revoke the app's refresh tokens.</li>
</ol>`,
      ),
    );
}
