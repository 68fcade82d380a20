import "server-only";
import type { ApiCaller } from "@/lib/api/authenticate";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { consentCardPath } from "@/lib/consent/policy";
import { db } from "@/lib/db/client";
import { consentMessage } from "@/lib/preflight/message";
import { resolveConnectors } from "@/lib/preflight/resolve-connectors";
import { resolveUser } from "@/lib/preflight/resolve-user";
import type { PreflightBody } from "@/lib/preflight/schema";
import {
  PREFLIGHT_CONNECTION_FACTS,
  preflightState,
  type PreflightState,
} from "@/lib/preflight/state";

export type PreflightConnector = { name: string; displayName: string; state: PreflightState };

export type PreflightAnswer =
  | { status: "ready"; connectors: PreflightConnector[] }
  | {
      status: "consent_required";
      consentSession: { id: string; expiresAt: string; url: string };
      connectors: PreflightConnector[];
      message: string;
    };

/**
 * Pre-flight (DESIGN.md "Pre-flight and consent"): the state of every connector a plugin needs
 * for one user, and a consent card for all of them when any is not connected. Reads status
 * columns only and never returns or decrypts a token (SECURITY.md S30).
 */
export async function runPreflight(
  caller: Pick<ApiCaller, "id" | "name">,
  body: PreflightBody,
  options: { now?: Date; requestId?: string } = {},
): Promise<PreflightAnswer> {
  const user = await resolveUser(body.user);
  const connectors = await resolveConnectors(body.connectors);
  const rows = await db().connection.findMany({
    where: { userId: user.id, connectorId: { in: connectors.map((connector) => connector.id) } },
    select: PREFLIGHT_CONNECTION_FACTS,
  });
  const byConnector = new Map(rows.map((row) => [row.connectorId, row]));
  const states = connectors.map((connector) => ({
    name: connector.name,
    displayName: connector.displayName,
    state: preflightState(connector, byConnector.get(connector.id)),
  }));
  if (states.every((entry) => entry.state === "connected")) {
    return { status: "ready", connectors: states };
  }

  const message = consentMessage(states);
  const session = await createConsentSession({
    userId: user.id,
    apiClientId: caller.id,
    plugin: body.plugin,
    connectorIds: connectors.map((connector) => connector.id),
    message,
    resume: body.resume && {
      url: body.resume.webhookUrl,
      payload: body.resume.payload,
      idempotencyKey: body.resume.idempotencyKey,
    },
    now: options.now,
  });
  await recordAudit({
    actor: { type: "api_client", id: caller.id, name: caller.name },
    action: "preflight.consent_required",
    target: `user:${user.id}`,
    outcome: "success",
    details: {
      plugin: body.plugin,
      consentSessionId: session.id,
      reused: session.reused,
      connectors: states.map(({ name, state }) => ({ name, state })),
    },
    requestId: options.requestId,
  });

  return {
    status: "consent_required",
    consentSession: {
      id: session.id,
      expiresAt: session.expiresAt.toISOString(),
      url: new URL(consentCardPath(session.id), env().PUBLIC_BASE_URL).toString(),
    },
    connectors: states,
    message,
  };
}
