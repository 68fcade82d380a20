import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { aad, open, seal } from "@/lib/vault";

/** A per-client HMAC secret for resume webhooks: 32 random bytes, shown once at creation. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function sealWebhookSecret(apiClientId: string, secret: string): string {
  return seal(secret, aad.webhookSecret(apiClientId));
}

/** The signing secret of an API client, for the resume webhook sender. */
export async function webhookSecretFor(apiClientId: string): Promise<string> {
  const row = await db().apiClient.findUnique({
    where: { id: apiClientId },
    select: { webhookSecretEnc: true },
  });
  if (!row) throw new AppError("not_found", `api client ${apiClientId} not found`);

  return open(row.webhookSecretEnc, aad.webhookSecret(apiClientId));
}
