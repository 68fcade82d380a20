import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { redact } from "@/lib/log";

export type Actor =
  | { type: "user"; id: string; name?: string | null }
  | { type: "api_client"; id: string; name?: string | null }
  | { type: "system"; id?: undefined; name?: string | null };

export type AuditInput = {
  actor: Actor;
  action: string;
  target?: string;
  outcome: "success" | "failure" | "denied";
  details?: Record<string, unknown>;
  requestId?: string;
};

type Client = Pick<Prisma.TransactionClient, "auditEvent">;

/** Writes one audit row; pass the transaction client to commit it with the change it records. */
export async function recordAudit(input: AuditInput, client: Client = db()): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      actorName: input.actor.name ?? null,
      action: input.action,
      target: input.target ?? null,
      outcome: input.outcome,
      details: redact(input.details ?? {}) as Prisma.InputJsonValue,
      requestId: input.requestId ?? null,
    },
  });
}
