import "server-only";
import * as oauth from "oauth4webapi";
import { recordAudit } from "@/lib/audit/record";
import { cancelConsentSession } from "@/lib/consent/cancel";
import { saveGrant } from "@/lib/connections/save-grant";
import { db } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import type { AuthorizationRequest, Connector } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { exchangeCode } from "@/lib/oauth/exchange-code";
import { authorizationServer, oauthClient } from "@/lib/oauth/provider";
import { ProviderError, safeOAuthCode } from "@/lib/oauth/provider-errors";
import { resultCodeFor, type CallbackResult } from "@/lib/oauth/result";
import { hashSecret, sameHash } from "@/lib/oauth/state";
import { kickResumeDeliveries } from "@/lib/resume/kick";

export type CallbackInput = {
  query: URLSearchParams;
  /** The signed-in user, or null for an anonymous browser. */
  user: { id: string; email?: string | null } | null;
  /** The raw browser-binding cookie value, if the browser sent one. */
  sessionBinding: string | undefined;
  now?: Date;
};

type Progress = { request?: AuthorizationRequest; connector?: Connector };

/**
 * Completes an authorization code grant (RFC 6749 §4.1.2-4.1.4). Every failure is caught here,
 * audited with its code only, and returned as a result for the result page.
 */
export async function handleCallback(input: CallbackInput): Promise<CallbackResult> {
  const progress: Progress = {};
  try {
    await completeGrant(input, progress);

    return {
      status: "connected",
      connector: progress.connector!.name,
      returnTo: progress.request!.returnTo,
    };
  } catch (thrown) {
    const error = toAppError(thrown);
    const code = resultCodeFor(error);
    const oauthError = error instanceof ProviderError ? error.oauthError : undefined;
    await reportFailure(input, progress, code, error);
    // Declining a grant from a consent card cancels the plugin run waiting for it (S04).
    const request = progress.request;
    if (code === "access_denied" && request?.consentSessionId) {
      const { consentSessionId, userId } = request;
      await cancelConsentSession({ consentSessionId, userId, now: input.now });
    }

    return {
      status: "failed",
      code,
      connector: progress.connector?.name,
      returnTo: progress.request?.returnTo,
      oauthError: code === "authorization_error" ? oauthError : undefined,
    };
  }
}

async function completeGrant(input: CallbackInput, progress: Progress): Promise<void> {
  const now = input.now ?? new Date();
  const state = singleState(input.query);
  const request = await db().authorizationRequest.findUnique({
    where: { stateHash: hashSecret(state) },
  });
  if (!request) throw new AppError("state_invalid", "no authorization request for this state");

  // Checked before anything changes, so a foreign browser can neither use nor burn the flow (S02),
  // nor learn where it was headed.
  if (!startedHere(request, input)) {
    throw new AppError("state_other_session", "callback from another user or browser");
  }
  progress.request = request;
  const connector = await db().connector.findUniqueOrThrow({ where: { id: request.connectorId } });
  progress.connector = connector;

  await consume(request.id, now);
  if (connector.deletedAt || connector.version !== request.connectorVersion) {
    throw new AppError("connector_changed", "connector changed since the grant started");
  }

  const parameters = validateResponse(connector, input.query, state);
  const tokens = await exchangeCode(connector, request, parameters);
  const consent = await saveGrant(input.user!, connector, tokens, now);
  kickResumeDeliveries(consent.deliveries);
  log.info("connection.granted", { userId: request.userId, connectorId: connector.id });
}

/** Exactly one non-empty `state`; anything else is rejected before `error` is looked at (S04). */
function singleState(query: URLSearchParams): string {
  const values = query.getAll("state");
  if (values.length !== 1 || !values[0]) {
    throw new AppError("state_invalid", `callback carries ${values.length} state values`);
  }

  return values[0];
}

function startedHere(request: AuthorizationRequest, input: CallbackInput): boolean {
  if (!input.user || input.user.id !== request.userId || !input.sessionBinding) return false;

  return sameHash(hashSecret(input.sessionBinding), request.sessionHash);
}

/** Single use: one conditional update; of two concurrent callbacks only one sees count 1 (S03). */
async function consume(requestId: string, now: Date): Promise<void> {
  const { count } = await db().authorizationRequest.updateMany({
    where: { id: requestId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) throw new AppError("state_expired", "authorization request expired or used");
}

/** oauth4webapi checks `iss`, duplicated parameters and `state` before it reads `error`. */
function validateResponse(connector: Connector, query: URLSearchParams, state: string) {
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(
      authorizationServer(connector),
      oauthClient(connector),
      query,
      state,
    );
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      const oauthError = safeOAuthCode(error.error);
      const denied = oauthError === "access_denied";
      throw new ProviderError(
        denied ? "access_denied" : "provider_rejected",
        `authorization response is OAuth error "${oauthError}"`,
        denied ? "You declined access." : "The provider refused the request.",
        { oauthError: denied ? undefined : oauthError, stage: "authorize" },
      );
    }
    throw new AppError("state_invalid", "malformed authorization response", undefined, {
      cause: error,
    });
  }
  const codes = parameters.getAll("code");
  if (codes.length !== 1 || !codes[0]) {
    throw new AppError("state_invalid", `authorization response carries ${codes.length} codes`);
  }

  return parameters;
}

async function reportFailure(
  input: CallbackInput,
  progress: Progress,
  code: string,
  error: AppError,
): Promise<void> {
  const context = {
    failure: code,
    reason: error.message,
    userId: input.user?.id,
    connectorId: progress.connector?.id,
  };
  if (code === "internal") log.error("connection.grant_failed", { ...context, error: error.cause });
  else log.warn("connection.grant_failed", context);
  if (!input.user) return;

  try {
    await recordAudit({
      actor: { type: "user", id: input.user.id, name: input.user.email },
      action: "connection.grant_failed",
      target: progress.connector ? `connector:${progress.connector.name}` : undefined,
      outcome: code === "access_denied" ? "denied" : "failure",
      details: { failure: code },
    });
  } catch (auditError) {
    log.error("audit.write_failed", { action: "connection.grant_failed", error: auditError });
  }
}
