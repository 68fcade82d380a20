import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A connection as the refresh engine reads it: every column plus its connector. */
export type ConnectionRow = Prisma.ConnectionGetPayload<{ include: { connector: true } }>;

export function loadConnection(id: string): Promise<ConnectionRow | null> {
  return db().connection.findUnique({ where: { id }, include: { connector: true } });
}

/** The caller's own connection to a live connector, by connector id or name. */
export function findUserConnection(
  userId: string,
  connectorRef: string,
): Promise<ConnectionRow | null> {
  return db().connection.findFirst({
    where: {
      userId,
      connector: { deletedAt: null, OR: [{ id: connectorRef }, { name: connectorRef }] },
    },
    include: { connector: true },
  });
}

/** True when the stored token stops working within `marginMs` of `now`; null never expires. */
export function expiresWithin(row: Pick<ConnectionRow, "expiresAt">, now: Date, marginMs: number) {
  return row.expiresAt !== null && row.expiresAt.getTime() - now.getTime() <= marginMs;
}
