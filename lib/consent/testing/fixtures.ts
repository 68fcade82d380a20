import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { aad, seal } from "@/lib/vault";

export const WEBHOOK_SECRET = "whsec-canary-3f9a0c";

/** An API client row as the admin console would store it, with a known webhook secret. */
export async function createApiClient(name = "assistant", secret = WEBHOOK_SECRET) {
  const id = randomUUID();

  return db().apiClient.create({
    data: {
      id,
      name,
      keyPrefix: `hub_${id.slice(0, 8)}`,
      keyHash: "0".repeat(64),
      scopes: ["preflight", "consent"],
      connectorNames: [],
      webhookSecretEnc: seal(secret, aad.webhookSecret(id)),
    },
  });
}

/** A connection as the callback stores it; status and scopes only matter here. */
export async function grant(
  userId: string,
  connectorId: string,
  fields: { status?: "ACTIVE" | "NEEDS_REAUTH"; grantedScopes?: string } = {},
) {
  return db().connection.upsert({
    where: { userId_connectorId: { userId, connectorId } },
    create: {
      userId,
      connectorId,
      accessTokenEnc: "not-read-here",
      grantedScopes: fields.grantedScopes ?? "read write",
      status: fields.status ?? "ACTIVE",
    },
    update: {
      grantedScopes: fields.grantedScopes ?? "read write",
      status: fields.status ?? "ACTIVE",
    },
  });
}
