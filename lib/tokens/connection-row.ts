import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { singleFlight } from "@/lib/tokens/single-flight";

/** A connection as the refresh engine reads it: every column plus its connector. */
export type ConnectionRow = Prisma.ConnectionGetPayload<{ include: { connector: true } }>;

export function loadConnection(id: string): Promise<ConnectionRow | null> {
  return db().connection.findUnique({ where: { id }, include: { connector: true } });
}

/**
 * The caller's own connection to a live connector, by connector id or name. Two small reads rather
 * than one relation filter, which costs several times more under load; concurrent lookups of one
 * connector share a read.
 */
export async function findUserConnection(
  userId: string,
  connectorRef: string,
): Promise<ConnectionRow | null> {
  const connector = await singleFlight(`connector:${connectorRef}`, () =>
    db().connector.findFirst({
      where: { deletedAt: null, OR: [{ id: connectorRef }, { name: connectorRef }] },
    }),
  );
  if (!connector) return null;
  const connection = await db().connection.findUnique({
    where: { userId_connectorId: { userId, connectorId: connector.id } },
  });

  return connection && { ...connection, connector };
}

/** True when the stored token stops working within `marginMs` of `now`; null never expires. */
export function expiresWithin(row: Pick<ConnectionRow, "expiresAt">, now: Date, marginMs: number) {
  return row.expiresAt !== null && row.expiresAt.getTime() - now.getTime() <= marginMs;
}
