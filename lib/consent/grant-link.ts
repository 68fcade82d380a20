import "server-only";
import { z } from "zod";
import { consentCardPath, effectiveStatus } from "@/lib/consent/policy";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type ConsentGrantLink = { consentSessionId: string; returnTo: string };

/**
 * Checks a grant started from a consent card (`/connect/<name>?consent=<id>`): the session must
 * be the signed-in user's own (S30), still pending and list this connector. Every refusal is a
 * `conflict`; the grant route then sends the browser back to the card, which explains it.
 */
export async function consentForGrant(input: {
  consentSessionId: string;
  userId: string;
  connectorId: string;
  now: Date;
}): Promise<ConsentGrantLink> {
  const refuse = (reason: string) =>
    new AppError(
      "conflict",
      `grant refused for consent session: ${reason}`,
      "This request can no longer be completed from here.",
    );
  if (!z.uuid().safeParse(input.consentSessionId).success) throw refuse("malformed id");
  const session = await db().consentSession.findUnique({
    where: { id: input.consentSessionId },
    select: { id: true, userId: true, status: true, expiresAt: true, connectorIds: true },
  });
  if (!session) throw refuse("unknown session");
  if (session.userId !== input.userId) throw refuse("session of another user");
  const status = effectiveStatus(session, input.now);
  if (status !== "PENDING") throw refuse(`session is ${status}`);
  if (!session.connectorIds.includes(input.connectorId)) throw refuse("connector not listed");

  return { consentSessionId: session.id, returnTo: consentCardPath(session.id) };
}
