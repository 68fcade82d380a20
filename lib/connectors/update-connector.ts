import "server-only";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { parseOrThrow } from "@/lib/connectors/parse-input";
import { connectorInputSchema, type ConnectorInput } from "@/lib/connectors/schema";
import {
  changedFields,
  snapshotColumns,
  snapshotFromInput,
  snapshotFromRow,
} from "@/lib/connectors/snapshot";
import { toConnectorView, type ConnectorView } from "@/lib/connectors/view";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connector, Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { aad, open, seal } from "@/lib/vault";

const staleEdit = () =>
  new AppError(
    "conflict",
    "connector version is stale",
    "Someone else changed this connector while you were editing it. Reload the page and try again.",
  );

/**
 * Saves an edit made against `expectedVersion` and bumps the version, which fences grant flows
 * started before the change (SECURITY.md S25). A save that changes nothing writes nothing.
 */
export async function updateConnector(
  id: string,
  input: ConnectorInput,
  actor: Actor,
  expectedVersion: number,
): Promise<ConnectorView> {
  const data = parseOrThrow(connectorInputSchema, input);
  const next = snapshotFromInput(data);

  const { row, changed } = await db().$transaction(async (tx) => {
    const current = await tx.connector.findFirst({ where: { id, deletedAt: null } });
    if (!current)
      throw new AppError("not_found", "connector not found", "This connector no longer exists.");
    if (data.name !== current.name) {
      throw new AppError(
        "validation_failed",
        "connector name is immutable",
        "The name of a connector cannot be changed after it is created.",
      );
    }
    if (current.version !== expectedVersion) throw staleEdit();

    const secret = secretColumns(current, data.clientSecret);
    const changed = changedFields(snapshotFromRow(current), next);
    if (secret) changed.push("clientSecret");
    if (changed.length === 0) return { row: current, changed };

    const version = expectedVersion + 1;
    const { count } = await tx.connector.updateMany({
      where: { id, version: expectedVersion, deletedAt: null },
      data: { ...snapshotColumns(next), ...secret, version },
    });
    if (count !== 1) throw staleEdit();
    const changeDescription = data.changeDescription ?? `Changed ${changed.join(", ")}`;
    await tx.connectorRevision.create({
      data: {
        connectorId: id,
        version,
        changeDescription,
        changedFields: changed,
        actorId: actor.id ?? null,
        snapshot: next as Prisma.InputJsonValue,
      },
    });
    await recordAudit(
      {
        actor,
        action: "connector.update",
        target: `connector:${id}`,
        outcome: "success",
        details: { name: current.name, version, changedFields: changed, changeDescription },
      },
      tx,
    );

    return { row: await tx.connector.findUniqueOrThrow({ where: { id } }), changed };
  });

  if (changed.length > 0) log.info("connector.updated", { connectorId: id, version: row.version });

  return toConnectorView(row);
}

/** New secret columns when a different secret was typed; undefined keeps the stored one. */
function secretColumns(current: Connector, typed: string | undefined) {
  if (typed === undefined) return undefined;
  if (sameSecret(current, typed)) return undefined;

  return {
    clientSecretEnc: seal(typed, aad.clientSecret(current.id)),
    clientSecretSetAt: new Date(),
  };
}

function sameSecret(current: Connector, typed: string): boolean {
  if (!current.clientSecretEnc) return false;
  try {
    return open(current.clientSecretEnc, aad.clientSecret(current.id)) === typed;
  } catch {
    // An unreadable stored secret (lost key, foreign AAD) is replaced by the one just typed.
    return false;
  }
}
