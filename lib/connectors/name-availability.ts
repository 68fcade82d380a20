import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Client = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * A name stays taken after its connector is deleted (soft delete), so old grants, logs and
 * assistant configs can never point at a different connector. Names differing only in case are
 * treated as the same name: plugins refer to connectors by name.
 */
export async function assertNameAvailable(client: Client, name: string): Promise<void> {
  const rows = await client.$queryRaw<{ name: string; deletedAt: Date | null }[]>`
    SELECT "name", "deletedAt" FROM "Connector" WHERE lower("name") = lower(${name}) LIMIT 1`;
  const taken = rows[0];
  if (!taken) return;

  throw new AppError(
    "conflict",
    `connector name "${name}" is taken`,
    taken.deletedAt
      ? `The name "${taken.name}" belonged to a deleted connector and cannot be used again.`
      : `A connector named "${taken.name}" already exists.`,
  );
}

/** Maps a unique-index race on the name to the same conflict the check above reports. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
