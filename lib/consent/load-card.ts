import "server-only";
import { z } from "zod";
import type { ConsentCardView } from "@/lib/consent/card-view";
import { effectiveStatus } from "@/lib/consent/policy";
import { progressOf, requiredConnectors } from "@/lib/consent/required-connectors";
import { db } from "@/lib/db/client";

export type ConsentCardResult =
  | { kind: "found"; view: ConsentCardView }
  | { kind: "not_found" }
  /** The session exists but belongs to someone else: consent is personal (S30). */
  | { kind: "forbidden" };

const idSchema = z.uuid();

/** The consent card for `userId`: only the user the session belongs to may see it. */
export async function loadConsentCard(
  sessionId: string,
  userId: string,
  now = new Date(),
): Promise<ConsentCardResult> {
  if (!idSchema.safeParse(sessionId).success) return { kind: "not_found" };
  const session = await db().consentSession.findUnique({ where: { id: sessionId } });
  if (!session) return { kind: "not_found" };
  if (session.userId !== userId) return { kind: "forbidden" };

  const connectors = await requiredConnectors(db(), userId, session.connectorIds);

  return {
    kind: "found",
    view: {
      id: session.id,
      plugin: session.plugin,
      message: session.message,
      status: effectiveStatus(session, now),
      expiresAt: session.expiresAt.toISOString(),
      connectors: connectors.map(({ name, displayName, description, state }) => ({
        name,
        displayName,
        description,
        state,
      })),
      progress: progressOf(connectors),
    },
  };
}
