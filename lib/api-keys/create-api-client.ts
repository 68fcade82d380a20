import "server-only";
import { randomUUID } from "node:crypto";
import { generateApiKey } from "@/lib/api-keys/key-format";
import type { IssuedApiKey } from "@/lib/api-keys/form-values";
import { apiKeyInputSchema, expiryFromDay, type ApiKeyInput } from "@/lib/api-keys/schema";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/api-keys/webhook-secret";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { parseOrThrow } from "@/lib/connectors/parse-input";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export type CreatedApiClient = IssuedApiKey & { id: string };

/**
 * Creates an API client with its key and webhook signing secret. Both are returned once, here;
 * the row keeps only the key's hash and the sealed secret (SECURITY.md S29).
 */
export async function createApiClient(input: ApiKeyInput, actor: Actor): Promise<CreatedApiClient> {
  const data = parseOrThrow(apiKeyInputSchema, input);
  const id = randomUUID();
  const { key, prefix, hash } = generateApiKey();
  const webhookSecret = generateWebhookSecret();
  const expiresAt = data.expiresOn ? expiryFromDay(data.expiresOn) : null;

  await db().$transaction(async (tx) => {
    await assertConnectorsExist(tx, data.connectorNames);
    await tx.apiClient.create({
      data: {
        id,
        name: data.name,
        keyPrefix: prefix,
        keyHash: hash,
        scopes: data.scopes,
        connectorNames: data.connectorNames,
        webhookSecretEnc: sealWebhookSecret(id, webhookSecret),
        createdById: actor.type === "user" ? actor.id : null,
        expiresAt,
      },
    });
    await recordAudit(
      {
        actor,
        action: "api_key.created",
        target: `api_client:${id}`,
        outcome: "success",
        details: {
          name: data.name,
          keyPrefix: prefix,
          scopes: data.scopes,
          connectorNames: data.connectorNames,
          expiresAt: expiresAt?.toISOString() ?? null,
        },
      },
      tx,
    );
  });

  return { id, name: data.name, keyPrefix: prefix, key, webhookSecret };
}

async function assertConnectorsExist(tx: Prisma.TransactionClient, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const found = await tx.connector.findMany({
    where: { name: { in: names }, deletedAt: null },
    select: { name: true },
  });
  const known = new Set(found.map((row) => row.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AppError(
      "connector_not_found",
      `unknown connectors: ${unknown.join(", ")}`,
      `These connectors do not exist (any more): ${unknown.join(", ")}.`,
    );
  }
}
