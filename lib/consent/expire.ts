import "server-only";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

/**
 * Writes down what readers already treat as true: a pending session past its expiry is EXPIRED
 * (effectiveStatus). Nothing resumes after expiry either way: the READY transition checks it.
 */
export async function expireConsentSessions(now = new Date()): Promise<number> {
  const { count } = await db().consentSession.updateMany({
    where: { status: "PENDING", expiresAt: { lte: now } },
    data: { status: "EXPIRED", endedAt: now },
  });
  if (count > 0) log.info("consent.expired", { count });

  return count;
}
