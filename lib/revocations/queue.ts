import "server-only";
import { randomUUID } from "node:crypto";
import { heldTokens } from "@/lib/connections/held-tokens";
import { db } from "@/lib/db/client";
import type { Connector, Prisma } from "@/lib/generated/prisma/client";
import { tokensToRevoke, type HeldTokens } from "@/lib/oauth/revoke";
import { aad, seal } from "@/lib/vault";

type Client = Pick<Prisma.TransactionClient, "pendingRevocation">;

export type QueueInput = {
  userId: string;
  connector: Pick<Connector, "id" | "revokeWhich" | "revokeAuth">;
  /** Plaintext tokens as held by the deleted grant; null where one was absent or unreadable. */
  tokens: HeldTokens;
  /** Set when the caller attempts at once: the job leaves the row alone until it runs out. */
  leaseUntil?: Date | null;
  now?: Date;
};

export const UNREADABLE = "the stored tokens could not be decrypted";

/**
 * The PendingRevocation row for a grant just deleted: only the tokens the connector revokes
 * (plus the access token when it authenticates as Bearer), sealed to the new row. With nothing
 * readable to send, the row is born GAVE_UP so that the outcome is still on record.
 */
export function pendingRevocationRow(
  input: QueueInput,
): Prisma.PendingRevocationUncheckedCreateInput & { id: string } {
  const id = randomUUID();
  const now = input.now ?? new Date();
  const targets = tokensToRevoke(input.connector.revokeWhich, input.tokens).map((t) => t.kind);
  const bearer = input.connector.revokeAuth === "bearer" && targets.length > 0;
  const access = targets.includes("access_token") || bearer ? input.tokens.accessToken : null;
  const refresh = targets.includes("refresh_token") ? input.tokens.refreshToken : null;
  const base = { id, userId: input.userId, connectorId: input.connector.id, createdAt: now };

  if (targets.length === 0) {
    return { ...base, status: "GAVE_UP", lastError: UNREADABLE, finishedAt: now };
  }

  return {
    ...base,
    accessTokenEnc: access ? seal(access, aad.pendingAccessToken(id)) : null,
    refreshTokenEnc: refresh ? seal(refresh, aad.pendingRefreshToken(id)) : null,
    nextAttemptAt: now,
    leaseUntil: input.leaseUntil ?? null,
  };
}

/**
 * Queues tokens for remote revocation; the background job sends them. For tokens that outlived
 * their grant, e.g. a refresh answer that arrived after the user disconnected (SECURITY.md S38).
 */
export async function queueRevocation(
  input: Omit<QueueInput, "connector"> & { connectorId: string },
  client: Client & Pick<Prisma.TransactionClient, "connector"> = db(),
): Promise<string | null> {
  const connector = await client.connector.findUnique({ where: { id: input.connectorId } });
  if (!connector?.revokeUrl) return null;
  const row = pendingRevocationRow({ ...input, connector, leaseUntil: null });
  await client.pendingRevocation.create({ data: row });

  return row.id;
}

/**
 * Moves every grant of a connector into pending revocations, inside the caller's transaction
 * that deletes them (SECURITY.md S38). Nothing is sent here: the background job works through
 * the queue a few at a time. Returns how many revocations were queued.
 */
export async function queueConnectorGrants(
  tx: Pick<Prisma.TransactionClient, "connection" | "pendingRevocation">,
  connector: Pick<Connector, "id" | "revokeUrl" | "revokeWhich" | "revokeAuth">,
): Promise<number> {
  if (!connector.revokeUrl) return 0;
  const now = new Date();
  const grants = await tx.connection.findMany({ where: { connectorId: connector.id } });
  const rows = grants.map((grant) =>
    pendingRevocationRow({ userId: grant.userId, connector, tokens: heldTokens(grant), now }),
  );
  for (let start = 0; start < rows.length; start += 500) {
    await tx.pendingRevocation.createMany({ data: rows.slice(start, start + 500) });
  }

  return rows.filter((row) => row.status !== "GAVE_UP").length;
}
