import "server-only";
import type { ConsentConnectorState } from "@/lib/consent/connector-state";
import { effectiveStatus, type ConsentStatus } from "@/lib/consent/policy";
import { requiredConnectors } from "@/lib/consent/required-connectors";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** `GET /api/v1/consent-sessions/[id]`: what the assistant may know about its own card. */
export type ApiConsentSession = {
  id: string;
  status: ConsentStatus;
  expiresAt: string;
  plugin: string;
  connectors: { name: string; displayName: string; state: ConsentConnectorState }[];
  readyAt: string | null;
  resumedAt: string | null;
};

/** A long poll holds the request at most this long, below common proxy idle timeouts. */
export const MAX_WAIT_SECONDS = 30;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One session as its API client sees it. Another client's session is as unknown as a made-up
 * id (404), so ids cannot be probed across clients.
 */
export async function consentSessionForClient(
  id: string,
  apiClientId: string,
  now = new Date(),
): Promise<ApiConsentSession> {
  const session = ID.test(id)
    ? await db().consentSession.findFirst({ where: { id, apiClientId } })
    : null;
  if (!session) {
    throw new AppError(
      "not_found",
      "no consent session with this id for this API client",
      "No consent session with this id.",
    );
  }
  const connectors = await requiredConnectors(db(), session.userId, session.connectorIds);

  return {
    id: session.id,
    status: effectiveStatus(session, now),
    expiresAt: session.expiresAt.toISOString(),
    plugin: session.plugin,
    connectors: connectors.map(({ name, displayName, state }) => ({ name, displayName, state })),
    readyAt: session.readyAt?.toISOString() ?? null,
    resumedAt: session.resumedAt?.toISOString() ?? null,
  };
}

/**
 * Long poll: answers as soon as the session is no longer PENDING, or after `waitSeconds`, reading
 * the database about once a second (works across instances, unlike an in-process signal). Stops
 * early when the caller goes away.
 */
export async function waitForConsentSession(
  id: string,
  apiClientId: string,
  options: { waitSeconds: number; signal?: AbortSignal; pollMs?: number },
): Promise<ApiConsentSession> {
  const deadline = Date.now() + Math.min(options.waitSeconds, MAX_WAIT_SECONDS) * 1000;
  let view = await consentSessionForClient(id, apiClientId);
  while (view.status === "PENDING" && Date.now() < deadline && !options.signal?.aborted) {
    await pause(Math.min(options.pollMs ?? 1000, deadline - Date.now()), options.signal);
    view = await consentSessionForClient(id, apiClientId);
  }

  return view;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(ms, 0));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
