import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { assertNameAvailable, isUniqueViolation } from "@/lib/connectors/name-availability";
import { parseOrThrow } from "@/lib/connectors/parse-input";
import { connectorCreateSchema, type ConnectorInput } from "@/lib/connectors/schema";
import { snapshotColumns, snapshotFromInput } from "@/lib/connectors/snapshot";
import { toConnectorView, type ConnectorView } from "@/lib/connectors/view";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { aad, seal } from "@/lib/vault";

/** Creates a connector at version 1 with its first revision and audit event, in one transaction. */
export async function createConnector(input: ConnectorInput, actor: Actor): Promise<ConnectorView> {
  const data = parseOrThrow(connectorCreateSchema, input);
  const id = randomUUID();
  const snapshot = snapshotFromInput(data);
  const changedFields = [...Object.keys(snapshot), "clientSecret"];
  const changeDescription = data.changeDescription ?? "Created the connector";

  let row;
  try {
    row = await db().$transaction(async (tx) => {
      await assertNameAvailable(tx, data.name);
      const created = await tx.connector.create({
        data: {
          id,
          ...snapshotColumns(snapshot),
          clientSecretEnc: seal(data.clientSecret, aad.clientSecret(id)),
          clientSecretSetAt: new Date(),
          version: 1,
        },
      });
      await tx.connectorRevision.create({
        data: {
          connectorId: id,
          version: 1,
          changeDescription,
          changedFields,
          actorId: actor.id ?? null,
          snapshot: snapshot as Prisma.InputJsonValue,
        },
      });
      await recordAudit(
        {
          actor,
          action: "connector.create",
          target: `connector:${id}`,
          outcome: "success",
          details: { name: data.name, version: 1, changedFields, changeDescription },
        },
        tx,
      );

      return created;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError(
      "conflict",
      `connector name "${data.name}" is taken`,
      `A connector named "${data.name}" already exists.`,
      { cause: error },
    );
  }

  log.info("connector.created", { connectorId: id, name: data.name });

  return toConnectorView(row);
}
