import "server-only";
import { AppError } from "@/lib/errors";
import type { Connector } from "@/lib/generated/prisma/client";
import { readRevokeData } from "@/lib/connectors/revoke-data";
import { cappedFetch, isLoopbackHttp, PROVIDER_TIMEOUT_MS } from "@/lib/oauth/http";
import { ProviderError, safeOAuthCode } from "@/lib/oauth/provider-errors";
import type { ProviderConnector } from "@/lib/oauth/provider";
import { aad, open } from "@/lib/vault";

export type TokenKind = "refresh_token" | "access_token";

export type RevokeOptions = Pick<
  Connector,
  | "revokeTypeHint"
  | "revokeTokenKey"
  | "revokeMethod"
  | "revokeBodyFormat"
  | "revokeExtraData"
  | "revokeAuth"
>;

/** One revocation request exactly as it goes on the wire. */
export type RevokeWireRequest = {
  method: "POST" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body: string;
};

type Target = { token: string; kind: TokenKind; accessToken: string | null };

/**
 * Whether oauth4webapi's RFC 7009 request can express the connector's settings. Everything else
 * (DELETE, JSON bodies, Bearer authentication, another token field) goes through
 * buildRevokeRequest, which keeps the same transport rules.
 */
export function isStandardRevocation(options: RevokeOptions): boolean {
  return (
    options.revokeMethod === "POST" &&
    options.revokeBodyFormat === "form" &&
    options.revokeAuth !== "bearer" &&
    options.revokeTokenKey === "token"
  );
}

/** RFC 6749 §2.3.1: client id and secret are form-urlencoded before they are joined for Basic. */
function formUrlEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** Builds a revocation request for the variants oauth4webapi does not send (see above). */
export function buildRevokeRequest(
  connector: ProviderConnector & RevokeOptions,
  target: Target,
): RevokeWireRequest {
  const fields: [string, string][] = [[connector.revokeTokenKey, target.token]];
  if (connector.revokeTypeHint) fields.push(["token_type_hint", target.kind]);
  for (const item of readRevokeData(connector.revokeExtraData, connector.revokeTokenKey)) {
    fields.push([item.key, item.value]);
  }

  const headers: Record<string, string> = { accept: "application/json" };
  const auth = connector.revokeAuth;
  if (auth === "post" || auth === "none") fields.push(["client_id", connector.clientId]);
  if (auth === "post") fields.push(["client_secret", clientSecret(connector)]);
  if (auth === "basic") {
    const credentials = `${formUrlEncode(connector.clientId)}:${formUrlEncode(clientSecret(connector))}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
  }
  if (auth === "bearer") {
    if (!target.accessToken) {
      throw new AppError(
        "config_invalid",
        "revocation authenticates with the access token as Bearer, but none is held",
        "This grant cannot be revoked remotely any more.",
      );
    }
    headers.authorization = `Bearer ${target.accessToken}`;
  }

  const json = connector.revokeBodyFormat === "json";
  headers["content-type"] = json
    ? "application/json"
    : "application/x-www-form-urlencoded;charset=UTF-8";

  return {
    method: connector.revokeMethod,
    url: connector.revokeUrl!,
    headers,
    body: json
      ? JSON.stringify(Object.fromEntries(fields))
      : new URLSearchParams(fields).toString(),
  };
}

function clientSecret(connector: ProviderConnector): string {
  return open(connector.clientSecretEnc, aad.clientSecret(connector.id));
}

/**
 * Sends a built request under the same rules as oauth4webapi calls: https (or http to this
 * machine only), no redirects, the provider time budget and the body size cap. Resolves on any
 * 2xx; throws an AppError naming the HTTP status otherwise.
 */
export async function sendRevokeRequest(request: RevokeWireRequest): Promise<void> {
  const url = new URL(request.url);
  if (url.protocol !== "https:" && !isLoopbackHttp(request.url)) {
    throw new AppError(
      "config_invalid",
      "revocation endpoint URL is not allowed: only requests to HTTPS are allowed",
      "This connector is not set up correctly. Ask your administrator.",
    );
  }

  const response = await cappedFetch(url.href, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: "manual",
    signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
  });
  if (response.ok) return;

  throw await revocationFailure(response);
}

async function revocationFailure(response: Response): Promise<AppError> {
  const where = `revocation endpoint answered HTTP ${response.status}`;
  if (response.status >= 500 || response.status === 429) {
    return new AppError("provider_unavailable", where, "The provider is unavailable right now.");
  }
  const body: unknown = await response.json().catch(() => null);
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === "string") {
    const oauthError = safeOAuthCode(error);
    return new ProviderError(
      "provider_rejected",
      `revocation endpoint answered OAuth error "${oauthError}" (HTTP ${response.status})`,
      "The provider refused the request.",
      { oauthError, stage: "revocation" },
    );
  }

  return new AppError(
    "provider_bad_response",
    where,
    "The provider returned an unexpected response.",
  );
}
