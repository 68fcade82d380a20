import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";

/** How long a session lives at most; an ended session is remembered that long. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Records a signed-out session so that any copy of its cookie stops working at once. */
export async function endSession(sid: string, userId: string, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.endedSession.upsert({
      where: { sid },
      create: {
        sid,
        userId,
        endedAt: now,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      },
      update: {},
    });
    await tx.endedSession.deleteMany({ where: { expiresAt: { lt: now } } });
    await recordAudit(
      { actor: { type: "user", id: userId }, action: "user.sign_out", outcome: "success" },
      tx,
    );
  });
}

export async function isSessionEnded(sid: string): Promise<boolean> {
  return (await db().endedSession.count({ where: { sid } })) > 0;
}
