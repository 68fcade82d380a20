import "server-only";
import { db } from "@/lib/db/client";
import type { RevocationStatus } from "@/lib/generated/prisma/client";
import { MAX_ATTEMPTS } from "@/lib/revocations/schedule";

/** A remote revocation as pages may show it: status fields only, never a token. */
export type RevocationView = {
  id: string;
  userId: string;
  connectorName: string;
  displayName: string;
  instructionsUrl: string | null;
  status: RevocationStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
};

const fields = {
  id: true,
  userId: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  createdAt: true,
  finishedAt: true,
  connector: { select: { name: true, displayName: true, instructionsUrl: true } },
} as const;

type Row = Awaited<ReturnType<typeof findRows>>[number];

function findRows(where: { userId?: string; status: { in: RevocationStatus[] } }, take: number) {
  return db().pendingRevocation.findMany({
    where,
    select: fields,
    orderBy: { createdAt: "desc" },
    take,
  });
}

function toView(row: Row): RevocationView {
  return {
    id: row.id,
    userId: row.userId,
    connectorName: row.connector.name,
    displayName: row.connector.displayName,
    instructionsUrl: row.connector.instructionsUrl,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: MAX_ATTEMPTS,
    nextAttemptAt: row.status === "PENDING" ? row.nextAttemptAt.toISOString() : null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The user's revocations the provider has not confirmed yet, newest first. */
export async function listPendingRevocationsForUser(userId: string): Promise<RevocationView[]> {
  return (await findRows({ userId, status: { in: ["PENDING"] } }, 50)).map(toView);
}

/** For the admin console: every unconfirmed or abandoned revocation, newest first. */
export async function listOpenRevocations(take = 200): Promise<RevocationView[]> {
  return (await findRows({ status: { in: ["PENDING", "GAVE_UP"] } }, take)).map(toView);
}
