import "server-only";
import type { Actor } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { attemptRevocation } from "@/lib/revocations/attempt";

export type RetryResult =
  | { status: "revoked" | "retrying" | "gave_up"; connector: string; revocationId: string }
  | { status: "busy"; connector: string }
  | { status: "not_found" };

/**
 * The user's "Retry revocation": one attempt now, whatever the schedule says. Only the owner's
 * own row is found (S21); a finished row or one leased by a running attempt sends nothing.
 */
export async function retryRevocation(
  user: { id: string; email?: string | null },
  revocationId: string,
): Promise<RetryResult> {
  const row = await db().pendingRevocation.findFirst({
    where: { id: revocationId, userId: user.id, status: "PENDING" },
    select: { connector: { select: { name: true } } },
  });
  if (!row) return { status: "not_found" };

  const actor: Actor = { type: "user", id: user.id, name: user.email };
  const result = await attemptRevocation(revocationId, {
    actor,
    trigger: "retry",
    userId: user.id,
  });
  if (result.status === "skipped") return { status: "busy", connector: row.connector.name };

  return { status: result.status, connector: row.connector.name, revocationId };
}
