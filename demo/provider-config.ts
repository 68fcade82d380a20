import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import type { Configuration, KoaContext } from "oidc-provider";
import { findDemoAccount } from "@/demo/accounts";
import { errorPage, escapeHtml, page } from "@/demo/html";
import { memoryAdapterFactory } from "@/demo/memory-adapter";

/** Settings every demo server shares: accounts, storage, cookies, keys, lifetimes and pages. */
export type CommonOptions = {
  brand: string;
  cookieKey: string;
  accessTokenTtl: number;
};

const DAY = 24 * 60 * 60;

/** A fresh RS256 signing key per start; tokens do not outlive the in-memory store anyway. */
export async function signingKeys(): Promise<{ keys: JsonWebKey[] }> {
  const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });

  return { keys: [{ ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256" }] };
}

async function findAccount(_ctx: unknown, sub: string) {
  const account = findDemoAccount(sub);
  if (!account) return undefined;

  return {
    accountId: account.sub,
    claims: async () => ({
      sub: account.sub,
      email: account.email,
      email_verified: true,
      name: account.name,
      groups: account.groups,
    }),
  };
}

export function commonConfiguration(
  options: CommonOptions,
  jwks: { keys: JsonWebKey[] },
): Configuration {
  const html = (ctx: KoaContext, body: string) => {
    ctx.type = "html";
    ctx.body = body;
  };

  return {
    adapter: memoryAdapterFactory(),
    jwks,
    findAccount,
    cookies: { keys: [options.cookieKey] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "groups"],
    },
    ttl: {
      AccessToken: options.accessTokenTtl,
      AuthorizationCode: 600,
      IdToken: 3600,
      RefreshToken: 14 * DAY,
      Interaction: 3600,
      Session: 14 * DAY,
      Grant: 14 * DAY,
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    clientBasedCORS: () => false,
    renderError: (ctx: KoaContext, out: { error?: string; error_description?: string }) =>
      html(ctx, errorPage(options.brand, out.error ?? "server_error", out.error_description)),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContext, form: string) =>
          html(
            ctx,
            page(
              `Sign out of ${options.brand}`,
              `<h1>Sign out of ${escapeHtml(options.brand)}?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
            ),
          ),
        postLogoutSuccessSource: (ctx: KoaContext) =>
          html(
            ctx,
            page(
              "Signed out",
              `<h1>Signed out</h1><p>You are signed out of ${escapeHtml(options.brand)}.</p>`,
            ),
          ),
      },
    },
  };
}
