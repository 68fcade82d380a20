import "server-only";
import { db } from "@/lib/db/client";
import type { ConsentSession } from "@/lib/generated/prisma/client";
import { signResume } from "@/lib/resume/signature";

export type ResumeBody = {
  type: "consent.ready";
  consentSessionId: string;
  plugin: string;
  user: { email: string | null; subject: string };
  connectors: string[];
  idempotencyKey: string;
  payload: unknown;
};

export type ResumeRequest = { body: string; headers: Record<string, string> };

/** The key the assistant dedupes on: its own when it sent one, else the session id. */
export function idempotencyKeyOf(session: Pick<ConsentSession, "id" | "idempotencyKey">) {
  return session.idempotencyKey ?? session.id;
}

/** The webhook body: who, which plugin run and connectors; never a token. */
export async function resumeBody(session: ConsentSession): Promise<ResumeBody> {
  const [user, connectors] = await Promise.all([
    db().user.findUnique({
      where: { id: session.userId },
      select: { email: true, subject: true },
    }),
    db().connector.findMany({
      where: { id: { in: session.connectorIds } },
      select: { id: true, name: true },
    }),
  ]);
  const names = new Map(connectors.map((row) => [row.id, row.name]));

  return {
    type: "consent.ready",
    consentSessionId: session.id,
    plugin: session.plugin,
    user: { email: user?.email ?? null, subject: user?.subject ?? "" },
    connectors: session.connectorIds.flatMap((id) => names.get(id) ?? []),
    idempotencyKey: idempotencyKeyOf(session),
    payload: session.resumePayload ?? null,
  };
}

export function signedRequest(secret: string, body: ResumeBody, now: Date): ResumeRequest {
  const text = JSON.stringify(body);
  const timestamp = Math.floor(now.getTime() / 1000);

  return {
    body: text,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Latchkey-Resume/1",
      "Latchkey-Timestamp": String(timestamp),
      "Latchkey-Signature": signResume(secret, timestamp, text),
      "Idempotency-Key": body.idempotencyKey,
    },
  };
}
