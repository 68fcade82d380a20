import Provider, { type KoaContext } from "oidc-provider";
import { commonConfiguration, signingKeys } from "@/demo/provider-config";

/**
 * The demo SSO identity provider (OpenID Connect) with one first-party client, Latchkey, whose
 * sign-in needs no consent screen.
 */
export const IDP_BRAND = "Acme SSO";
export const IDP_CLIENT_ID = "latchkey";

export type IdpOptions = {
  issuer: string;
  publicBaseUrl: string;
  clientSecret: string;
  cookieKey: string;
  accessTokenTtl: number;
};

// Latchkey is first-party here, so the grant covers whatever OpenID scopes it asks for instead of
// sending people to a consent page.
async function autoApprove(ctx: KoaContext) {
  const { client, session, provider, result } = ctx.oidc;
  if (!client || !session.accountId) return undefined;

  const existingId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const grant =
    (existingId ? await provider.Grant.find(existingId) : undefined) ??
    new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
  grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(" "));
  await grant.save();

  return grant;
}

export async function createIdp(options: IdpOptions): Promise<Provider> {
  const common = commonConfiguration(
    { brand: IDP_BRAND, cookieKey: options.cookieKey, accessTokenTtl: options.accessTokenTtl },
    await signingKeys(),
  );

  return new Provider(options.issuer, {
    ...common,
    clients: [
      {
        client_id: IDP_CLIENT_ID,
        client_secret: options.clientSecret,
        client_name: "Latchkey",
        redirect_uris: [`${options.publicBaseUrl}/api/auth/callback/sso`],
        post_logout_redirect_uris: [`${options.publicBaseUrl}/signin`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // next-auth reads identity from the ID token; put email, name and groups there too.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    loadExistingGrant: autoApprove,
  });
}
