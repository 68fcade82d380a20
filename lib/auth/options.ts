import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import { z } from "zod";
import { endSession, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/ended-sessions";
import { upsertSsoUser } from "@/lib/auth/users";
import { env } from "@/lib/config/env";
import { log } from "@/lib/log";

const claimsSchema = z.looseObject({
  sub: z.string().min(1),
  email: z.string().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
});

const discoverySchema = z.looseObject({ userinfo_endpoint: z.url().optional() });

// next-auth 4 builds the profile from ID-token claims only; a spec-conforming provider puts email
// and name in userinfo, so fetch it when the claims lack them (STACK-NOTES.md).
async function fetchUserinfo(
  issuer: string,
  accessToken: string,
): Promise<Record<string, unknown>> {
  const wellKnown = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  const discovery = discoverySchema.parse(await (await fetch(wellKnown)).json());
  if (!discovery.userinfo_endpoint) return {};
  const response = await fetch(discovery.userinfo_endpoint, {
    headers: { authorization: `Bearer ${accessToken}` },
  });

  return response.ok ? ((await response.json()) as Record<string, unknown>) : {};
}

function groupsFrom(claims: Record<string, unknown>, claimName: string): string[] {
  const value = claims[claimName];
  if (Array.isArray(value)) return value.filter((item) => typeof item === "string");

  return typeof value === "string" ? [value] : [];
}

export function authOptions(): NextAuthOptions {
  const config = env();

  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      {
        id: "sso",
        name: "Company SSO",
        type: "oauth",
        wellKnown: `${config.SSO_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
        clientId: config.SSO_CLIENT_ID,
        clientSecret: config.SSO_CLIENT_SECRET,
        authorization: { params: { scope: "openid email profile" } },
        idToken: true,
        checks: ["pkce", "state"],
        async profile(profile: Record<string, unknown>, tokens) {
          let claims = profile;
          if ((!profile.email || !profile.name) && tokens.access_token) {
            claims = {
              ...(await fetchUserinfo(config.SSO_ISSUER, tokens.access_token)),
              ...profile,
            };
          }
          const parsed = claimsSchema.parse(claims);
          const user = await upsertSsoUser({
            issuer: config.SSO_ISSUER,
            subject: parsed.sub,
            email: parsed.email,
            name: parsed.name ?? parsed.preferred_username,
            groups: groupsFrom(claims, config.SSO_GROUPS_CLAIM),
          });

          return { id: user.id, email: user.email, name: user.name };
        },
      },
    ],
    callbacks: {
      // The JWT carries only our user id and a session id; role and everything else is read from
      // the database on each request, so a demotion takes effect at once, and a signed-out
      // session id is refused even if a copy of its cookie survives.
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = randomUUID();
        }

        return token;
      },
      session({ session, token }) {
        const uid = typeof token.uid === "string" ? token.uid : undefined;
        const sid = typeof token.sid === "string" ? token.sid : undefined;

        return { ...session, uid, sid };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string" && typeof token.uid === "string") {
          await endSession(token.sid, token.uid);
        }
      },
    },
    // next-auth logs stack traces by default; ours are one JSON line with the error code only.
    logger: {
      error: (code) => log.warn("auth.error", { authError: code }),
      warn: (code) => log.warn("auth.warning", { authWarning: code }),
      debug: () => {},
    },
  };
}
