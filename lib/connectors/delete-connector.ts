import "server-only";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { snapshotFromRow } from "@/lib/connectors/snapshot";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { queueConnectorGrants } from "@/lib/revocations/queue";

export type DeleteConnectorResult = {
  deletedConnections: number;
  deletedRequests: number;
  queuedRevocations: number;
};

/**
 * Soft-deletes a connector (its name stays taken) and, in the same transaction, removes every
 * grant and pending authorization request for it, so no flow can finish against it afterwards.
 * The grants' tokens move into pending revocations that the background job sends.
 */
export async function deleteConnector(id: string, actor: Actor): Promise<DeleteConnectorResult> {
  const result = await db().$transaction(async (tx) => {
    const current = await tx.connector.findFirst({ where: { id, deletedAt: null } });
    if (!current)
      throw new AppError("not_found", "connector not found", "This connector no longer exists.");

    const version = current.version + 1;
    const { count } = await tx.connector.updateMany({
      where: { id, version: current.version, deletedAt: null },
      data: { deletedAt: new Date(), version },
    });
    if (count !== 1) {
      throw new AppError(
        "conflict",
        "connector changed during delete",
        "This connector was just changed. Try again.",
      );
    }
    const queuedRevocations = await queueConnectorGrants(tx, current);
    const connections = await tx.connection.deleteMany({ where: { connectorId: id } });
    const requests = await tx.authorizationRequest.deleteMany({ where: { connectorId: id } });
    const changeDescription = "Deleted the connector";
    await tx.connectorRevision.create({
      data: {
        connectorId: id,
        version,
        changeDescription,
        changedFields: ["deletedAt"],
        actorId: actor.id ?? null,
        snapshot: snapshotFromRow(current) as Prisma.InputJsonValue,
      },
    });
    const counts = {
      deletedConnections: connections.count,
      deletedRequests: requests.count,
      queuedRevocations,
    };
    await recordAudit(
      {
        actor,
        action: "connector.delete",
        target: `connector:${id}`,
        outcome: "success",
        details: { name: current.name, version, changeDescription, ...counts },
      },
      tx,
    );

    return counts;
  });

  log.info("connector.deleted", { connectorId: id, ...result });

  return result;
}
