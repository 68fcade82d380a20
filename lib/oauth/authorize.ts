import "server-only";
import { randomUUID } from "node:crypto";
import * as oauth from "oauth4webapi";
import { safeReturnPath } from "@/lib/auth/return-path";
import { consentForGrant } from "@/lib/consent/grant-link";
import { isReserved, readKeyValues } from "@/lib/connectors/params";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connector } from "@/lib/generated/prisma/client";
import { redirectUri } from "@/lib/org/redirect-uri";
import { joinScopes, parseScopes } from "@/lib/oauth/scopes";
import { hashSecret } from "@/lib/oauth/state";
import { aad, seal } from "@/lib/vault";

/** A started grant is valid for 10 minutes (RFC 6749 §4.1.2 recommends a short code lifetime). */
export const AUTHORIZATION_TTL_MS = 10 * 60 * 1000;

// Expired rows are kept an hour longer so that a late callback says "expired", not "unknown".
const PURGE_GRACE_MS = 60 * 60 * 1000;

export type StartInput = {
  userId: string;
  connectorName: string;
  /** The raw browser-binding cookie value; only its hash is stored. */
  sessionBinding: string;
  returnTo?: string | null;
  /** Started from this consent card: it must be the user's own, pending and list the connector. */
  consentSessionId?: string | null;
  now?: Date;
};

type AuthorizeUrlInput = {
  state: string;
  codeChallenge: string;
  redirectUri: string;
};

/**
 * Starts an authorization code grant with PKCE (RFC 6749 §4.1.1, RFC 7636 §4.3): stores the
 * request and returns the provider URL to send the browser to.
 */
export async function startAuthorization(input: StartInput): Promise<{ url: string }> {
  const now = input.now ?? new Date();
  const connector = await db().connector.findFirst({
    where: { name: input.connectorName, deletedAt: null },
  });
  if (!connector) {
    throw new AppError(
      "not_found",
      `connector "${input.connectorName}" does not exist`,
      "This connector does not exist or was removed.",
    );
  }

  const consent = input.consentSessionId
    ? await consentForGrant({
        consentSessionId: input.consentSessionId,
        userId: input.userId,
        connectorId: connector.id,
        now,
      })
    : null;

  await purgeExpiredRequests(now);

  const id = randomUUID();
  const state = oauth.generateRandomState();
  const verifier = oauth.generateRandomCodeVerifier();
  const callback = await redirectUri();
  await db().authorizationRequest.create({
    data: {
      id,
      stateHash: hashSecret(state),
      verifierEnc: seal(verifier, aad.verifier(id)),
      userId: input.userId,
      sessionHash: hashSecret(input.sessionBinding),
      connectorId: connector.id,
      connectorVersion: connector.version,
      redirectUri: callback,
      returnTo: consent?.returnTo ?? safeReturnPath(input.returnTo),
      consentSessionId: consent?.consentSessionId ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + AUTHORIZATION_TTL_MS),
    },
  });
  const url = buildAuthorizationUrl(connector, {
    state,
    codeChallenge: await oauth.calculatePKCECodeChallenge(verifier),
    redirectUri: callback,
  });

  return { url: url.href };
}

/**
 * The admin's query params go in first; the protocol parameters are set last so that each appears
 * exactly once and none can be overridden (SECURITY.md S08), also when the pasted authorization
 * URL already carries a query string.
 */
export function buildAuthorizationUrl(
  connector: Pick<
    Connector,
    "authorizationUrl" | "clientId" | "scopes" | "scopeSeparator" | "authorizeParams"
  >,
  input: AuthorizeUrlInput,
): URL {
  const url = new URL(connector.authorizationUrl);
  for (const key of [...url.searchParams.keys()]) {
    if (isReserved(key)) url.searchParams.delete(key);
  }
  for (const { key, value } of readKeyValues(connector.authorizeParams)) {
    url.searchParams.set(key, value);
  }

  const scopes = parseScopes(connector.scopes, connector.scopeSeparator);
  const ours: Record<string, string> = {
    response_type: "code",
    client_id: connector.clientId,
    redirect_uri: input.redirectUri,
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: "S256",
    access_type: "offline",
  };
  if (scopes.length > 0) ours.scope = joinScopes(scopes, connector.scopeSeparator);
  for (const [key, value] of Object.entries(ours)) url.searchParams.set(key, value);

  return url;
}

export async function purgeExpiredRequests(now = new Date()): Promise<number> {
  const { count } = await db().authorizationRequest.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - PURGE_GRACE_MS) } },
  });

  return count;
}
