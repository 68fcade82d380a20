import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

/**
 * The user declined at the provider a grant started from a consent card (S04): the pending
 * plugin run is cancelled and never resumes. Only the session's own user can cause this: the
 * callback checked that the grant was started by them, and the grant start checked the session.
 * Never throws: the callback's answer to the user does not depend on it.
 */
export async function cancelConsentSession(input: {
  consentSessionId: string;
  userId: string;
  now?: Date;
}): Promise<boolean> {
  const now = input.now ?? new Date();
  try {
    const cancelled = await db().$transaction(async (tx) => {
      const { count } = await tx.consentSession.updateMany({
        where: {
          id: input.consentSessionId,
          userId: input.userId,
          status: "PENDING",
          expiresAt: { gt: now },
        },
        data: { status: "CANCELLED", endedAt: now },
      });
      if (count !== 1) return false;
      await recordAudit(
        {
          actor: { type: "user", id: input.userId },
          action: "consent.cancelled",
          target: `consent:${input.consentSessionId}`,
          outcome: "denied",
          details: { reason: "access_denied" },
        },
        tx,
      );
      return true;
    });

    return cancelled;
  } catch (error) {
    log.error("consent.cancel_failed", { consentSessionId: input.consentSessionId, error });
    return false;
  }
}
