import "server-only";
import { hashApiKey, keyMatchesHash, keyPrefixOf } from "@/lib/api-keys/key-format";
import { isApiScope, type ApiScope } from "@/lib/api-keys/scopes";
import { apiKeyStatus } from "@/lib/api-keys/status";
import { db } from "@/lib/db/client";

export type VerifiedClient = {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: ApiScope[];
  connectorNames: string[];
  lastUsedAt: Date | null;
};

export type KeyCheck =
  | { ok: true; client: VerifiedClient }
  | {
      ok: false;
      reason: "malformed" | "unknown" | "mismatch" | "revoked" | "expired";
      prefix?: string;
      client?: Pick<VerifiedClient, "id" | "name">;
    };

// Compared against when no row matches the prefix, so an unknown prefix costs the same hash and
// constant-time compare as a known one.
const NO_ROW_HASH = hashApiKey("lk_none");

/**
 * Checks a presented key: the prefix finds the row, the hash of the whole key is compared in
 * constant time, then revocation and expiry. Callers answer every failure the same way; the
 * reason is only for the audit trail.
 */
export async function verifyApiKey(key: string, now = new Date()): Promise<KeyCheck> {
  const prefix = keyPrefixOf(key);
  if (!prefix) return { ok: false, reason: "malformed" };

  const row = await db().apiClient.findUnique({
    where: { keyPrefix: prefix },
    select: {
      id: true,
      name: true,
      keyPrefix: true,
      keyHash: true,
      scopes: true,
      connectorNames: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  const matches = keyMatchesHash(key, row?.keyHash ?? NO_ROW_HASH);
  if (!row) return { ok: false, reason: "unknown", prefix };
  if (!matches) return { ok: false, reason: "mismatch", prefix };

  const who = { id: row.id, name: row.name };
  const status = apiKeyStatus(row, now);
  if (status !== "active") return { ok: false, reason: status, prefix, client: who };

  return {
    ok: true,
    client: {
      ...who,
      keyPrefix: row.keyPrefix,
      scopes: row.scopes.filter(isApiScope),
      connectorNames: row.connectorNames,
      lastUsedAt: row.lastUsedAt,
    },
  };
}
